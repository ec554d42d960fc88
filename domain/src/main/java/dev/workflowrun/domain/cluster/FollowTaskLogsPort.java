package dev.workflowrun.domain.cluster;

/**
 * Out-port: the log lines of a Workflow's Task containers as they are written ({@code --follow-logs}).
 * Following is best effort and changes nothing: a log that cannot be read is skipped, never a
 * reason for the run to fail.
 */
public interface FollowTaskLogsPort {

    /** Follows nothing: for runs without {@code --follow-logs}. */
    FollowTaskLogsPort NONE = (handle, bytesPerTask, sink) -> () -> { };

    /**
     * Starts following the Task containers of {@code handle}'s Workflow, each from its first line,
     * until the returned {@link Following} is closed. Lines reach {@code sink} in order per container,
     * from the adapter's own threads; the adapter need not read more than {@code bytesPerTask}
     * bytes (plus one) of any container's log.
     */
    Following follow(WorkflowHandle handle, long bytesPerTask, TaskLogSink sink);

    /** A follow in progress; closing it stops every reader (and waits briefly for them). */
    @FunctionalInterface
    interface Following extends AutoCloseable {
        @Override
        void close();
    }
}
