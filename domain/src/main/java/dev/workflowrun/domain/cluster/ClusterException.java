package dev.workflowrun.domain.cluster;

/** The cluster could not do what was asked, after the adapter's own retries. An infrastructure failure. */
public class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
