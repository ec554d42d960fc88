package dev.workflowrun.runner.wiring;

import dev.workflowrun.domain.text.Scrubber;
import dev.workflowrun.runner.secrets.GitTokenSecret;
import dev.workflowrun.runner.secrets.ScrubbingStore;
import dagger.BindsInstance;
import dagger.Module;
import dagger.Provides;
import dagger.Subcomponent;
import dev.workflowrun.adapters.git.GitSourceConfig;
import dev.workflowrun.adapters.k8s.ClusterOptions;
import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.drift.LiveImagePort;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.run.RunPorts;
import dev.workflowrun.domain.run.RunScenario;
import dev.workflowrun.domain.scenario.FetchScenarioPort;
import dev.workflowrun.runner.progress.LiveProgress;
import dev.workflowrun.runner.report.BundleReports;

import javax.inject.Named;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** One run: the use case over every adapter, built from the run's flags (bound through the builder). */
@RunScope
@Subcomponent(modules = {GitModule.class, ManifestModule.class, KubernetesModule.class, StoreModule.class, RunComponent.Ports.class})
public interface RunComponent {

    RunScenario useCase();

    @Subcomponent.Builder
    interface Builder {
        @BindsInstance
        Builder git(GitSourceConfig config);

        /** How exact images must be for the lint ({@code --pinned}). */
        @BindsInstance
        Builder pinning(dev.workflowrun.domain.variables.Pinning pinning);

        @BindsInstance
        Builder cluster(ClusterAccess access);

        @BindsInstance
        Builder clusterOptions(ClusterOptions options);

        @BindsInstance
        Builder store(StoreTarget target);

        /** Where the journal is formatted into {@code orchestrator.log}: the live output's own formatter. */
        @BindsInstance
        Builder progress(LiveProgress progress);

        RunComponent build();
    }

    @Module
    interface Ports {
        @Provides
        static RunPorts ports(FetchScenarioPort source, ReadManifestPort manifests, WorkflowClusterPort cluster,
                              @Named("store") PublishArtifactsPort store, @Named("fallback") PublishArtifactsPort fallback,
                              Optional<LiveImagePort> live, List<ManifestCheck> lintRules, Clock clock, GitSourceConfig git) {
            Scrubber token = GitTokenSecret.scrubber(git);
            return new RunPorts(source, manifests, cluster, ScrubbingStore.wrap(store, token), ScrubbingStore.wrap(fallback, token),
                    live, lintRules, clock);
        }

        @Provides
        static RunScenario useCase(RunPorts ports, LiveProgress progress) {
            return new RunScenario(ports, progress::orchestratorLog, new BundleReports());
        }
    }
}
