package dev.workflowrun.runner.progress;

import dev.workflowrun.domain.cluster.BoundedTaskLogs;
import dev.workflowrun.domain.cluster.FollowTaskLogsPort;
import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.run.RunEvent;
import dev.workflowrun.domain.run.RunEventListener;
import dev.workflowrun.domain.text.Scrubber;

import java.time.Instant;
import java.util.Objects;

/**
 * {@code --follow-logs}: while the run waits, the Task logs of its Workflow go to the live output as
 * they are written, each line prefixed by its task, at most {@code bytesPerTask} of each, scrubbed of
 * every secret the run knows. Following starts when the wait begins and stops (after reading what
 * the last Task wrote) before the first event of the state that ends it, so a log never interleaves
 * with the outcome. Every other call goes to the live output unchanged.
 */
public final class FollowedTaskLogs implements RunEventListener, AutoCloseable {

    private final LiveProgress live;
    private final FollowTaskLogsPort port;
    private final WorkflowHandle handle;
    private final long bytesPerTask;
    private volatile Scrubber secrets = Scrubber.none();
    private FollowTaskLogsPort.Following following;

    public FollowedTaskLogs(LiveProgress live, FollowTaskLogsPort port, WorkflowHandle handle, long bytesPerTask) {
        this.live = Objects.requireNonNull(live, "live");
        this.port = Objects.requireNonNull(port, "port");
        this.handle = Objects.requireNonNull(handle, "handle");
        this.bytesPerTask = bytesPerTask;
    }

    @Override
    public void onEvent(RunEvent event) {
        if (!"Waiting".equals(event.state())) {
            stop();
        }
        live.onEvent(event);
    }

    @Override
    public void onWaiting(Deadlines deadlines, Instant appliedAt) {
        live.onWaiting(deadlines, appliedAt);
        synchronized (this) {
            if (following == null) {
                following = port.follow(handle, bytesPerTask, new BoundedTaskLogs(bytesPerTask, () -> secrets, live::taskLog));
            }
        }
    }

    @Override
    public void onProgress(Progress progress) {
        live.onProgress(progress);
    }

    @Override
    public void onSecrets(Scrubber all) {
        secrets = all;
        live.onSecrets(all);
    }

    private void stop() {
        FollowTaskLogsPort.Following f;
        synchronized (this) {
            f = following;
            following = null;
        }
        if (f != null) {
            f.close();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
