package dev.workflowrun.domain.cluster;

/** How one wait for the Workflow ended. */
public sealed interface AwaitResult {

    /** The Workflow reached a terminal state; the verdict says how it went. */
    record Finished(WorkflowVerdict verdict) implements AwaitResult {
    }

    /** The wait reached its time limit and the Workflow is still running. */
    record StillRunning() implements AwaitResult {
    }

    /** The run was cancelled while waiting. */
    record Cancelled(String reason) implements AwaitResult {
    }
}
