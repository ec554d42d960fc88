package dev.workflowrun.domain.cluster;

/**
 * A Workflow (or another object of the manifest) with the run's name exists but does not carry all
 * of the run's labels ({@link RunLabels}): this runner did not create it for this run, so it is
 * neither adopted nor touched. Thrown before anything was changed; nothing needs cleaning up.
 */
public final class ForeignWorkflowException extends ClusterException {

    public ForeignWorkflowException(String message) {
        super(message);
    }
}
