package dev.workflowrun.domain.artifacts;

/** The store did not take the bundle; the message names the store and never a credential. */
public class PublishException extends RuntimeException {

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
