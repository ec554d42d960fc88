package dev.workflowrun.runner.wiring;

import dagger.Module;
import dagger.Provides;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.drift.LiveImagePort;

import java.util.Optional;

/** Workflow cluster and live images: wired to fabric8 once the Kubernetes adapter is in. */
@Module
public interface KubernetesModule {

    @Provides
    @RunScope
    static WorkflowClusterPort cluster(ClusterAccess access) {
        return Offline.CLUSTER;
    }

    @Provides
    static Optional<LiveImagePort> liveImages(ClusterAccess access) {
        return Optional.empty();
    }
}
