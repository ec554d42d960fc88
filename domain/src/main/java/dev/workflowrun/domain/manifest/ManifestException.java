package dev.workflowrun.domain.manifest;

/** The rendered manifest cannot be read or breaks a structural rule; the message says where. */
public class ManifestException extends RuntimeException {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
