package dev.workflowrun.runner.wiring;

import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.artifacts.PublishException;
import dev.workflowrun.domain.cluster.ApiRequestCounts;
import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.ClusterException;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.signal.Cancellation;

import java.time.Duration;
import java.time.Instant;

/** Ports for commands that must touch no cluster and no store: any call is a bug, and says so. */
final class Offline {

    static final PublishArtifactsPort STORE = (location, bundle) -> {
        throw new PublishException("render publishes nothing");
    };

    static final WorkflowClusterPort CLUSTER = new WorkflowClusterPort() {
        @Override
        public void checkReachable(String namespace) {
            throw refused();
        }

        @Override
        public dev.workflowrun.domain.cluster.ApplyResult applyOrAdopt(WorkflowHandle handle, String renderedYaml) {
            throw refused();
        }

        @Override
        public AwaitResult awaitTerminal(WorkflowHandle handle, Instant until, Cancellation cancellation, ProgressListener progress) {
            throw refused();
        }

        @Override
        public TerminalSnapshot capture(WorkflowHandle handle, CaptureOptions options) {
            throw refused();
        }

        @Override
        public CleanupReport cleanUp(WorkflowHandle handle, Duration bound, String abortReason) {
            throw refused();
        }

        @Override
        public ApiRequestCounts requestCounts() {
            return ApiRequestCounts.NONE;
        }
    };

    private Offline() {
    }

    private static ClusterException refused() {
        return new ClusterException("render touches no cluster");
    }
}
