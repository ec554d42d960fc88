package dev.workflowrun.domain.artifacts;

/** An object of the bundle exists already: the location belongs to another attempt, and is left as it is. */
public final class AlreadyPublished extends PublishException {

    public AlreadyPublished(String message) {
        super(message);
    }

    public AlreadyPublished(String message, Throwable cause) {
        super(message, cause);
    }
}
