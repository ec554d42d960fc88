package dev.workflowrun.domain.cluster;

import dev.workflowrun.domain.signal.Cancellation;

import java.time.Duration;
import java.time.Instant;

/**
 * Out-port: the cluster a Workflow runs in. The core calls it only through the run lifecycle
 * ({@link dev.workflowrun.domain.run.RunState}), so it cannot apply before verifying or delete
 * before capturing. Failures are thrown as {@link ClusterException}.
 */
public interface WorkflowClusterPort {

    /**
     * Checks once, quickly, before anything else, that the cluster answers, accepts these
     * credentials and knows the Workflow kind in {@code namespace}; throws {@link ClusterException}
     * naming the URL, the context and the cause. Changes nothing.
     */
    void checkReachable(String namespace);

    /** Applies the rendered manifest, labelled with {@link RunLabels}; adopts this run's Workflow if it exists. */
    ApplyResult applyOrAdopt(WorkflowHandle handle, String renderedYaml);

    /**
     * Waits (with a watch, not a sleep loop) until the Workflow is terminal, {@code until} passes,
     * or {@code cancellation} is requested, whichever comes first.
     */
    AwaitResult awaitTerminal(WorkflowHandle handle, Instant until, Cancellation cancellation, ProgressListener progress);

    /** Captures the terminal state; must not delete or change anything. */
    TerminalSnapshot capture(WorkflowHandle handle, CaptureOptions options);

    /** Annotates abort (unless terminal), deletes the Workflow within {@code bound}, then sweeps leftovers by label. */
    CleanupReport cleanUp(WorkflowHandle handle, Duration bound, String abortReason);

    /**
     * As {@link #cleanUp(WorkflowHandle, Duration, String)}; {@code abortReason} ({@code hard-deadline},
     * {@code interrupted}) is written next to the abort annotation, so whoever reads the Workflow later
     * (a retry that adopts it, {@code judge}) knows this runner aborted it, and why.
     */
    default CleanupReport cleanUp(WorkflowHandle handle, Duration bound) {
        return cleanUp(handle, bound, "stopped");
    }

    /** Requests made so far by this adapter. */
    ApiRequestCounts requestCounts();
}
