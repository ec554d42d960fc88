package dev.workflowrun.runner.wiring;

import dagger.Module;
import dagger.Provides;
import dev.workflowrun.adapters.k8s.ClusterOptions;
import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.drift.LiveImagePort;

import java.util.Optional;

/** Workflow cluster and live images → fabric8, over the run's one client. */
@Module
public interface KubernetesModule {

    @Provides
    @RunScope
    static WorkflowClusterPort cluster(ClusterAccess access, ClusterOptions options) {
        return KubernetesAdapters.cluster(access.client(), options);
    }

    @Provides
    static Optional<LiveImagePort> liveImages(ClusterAccess access) {
        return Optional.of(KubernetesAdapters.liveImages(access.client()));
    }
}
