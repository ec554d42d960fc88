package dev.workflowrun.runner.wiring;

import dagger.BindsInstance;
import dagger.Module;
import dagger.Provides;
import dagger.Subcomponent;
import dev.workflowrun.adapters.git.GitSourceConfig;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.run.RenderScenarioUseCase;
import dev.workflowrun.domain.run.RunPorts;
import dev.workflowrun.domain.run.RunScenario;
import dev.workflowrun.domain.scenario.FetchScenarioPort;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Fetch, render, lint and drift without a cluster or a store: {@code render} and {@code run --dry-run}. */
@Subcomponent(modules = {GitModule.class, ManifestModule.class, RenderComponent.Ports.class})
public interface RenderComponent {

    RenderScenarioUseCase useCase();

    /** For build-time verification: the same source, manifest reader and lint rules as {@code render}. */
    FetchScenarioPort source();

    ReadManifestPort manifests();

    List<ManifestCheck> lintRules();

    @Subcomponent.Builder
    interface Builder {
        @BindsInstance
        Builder git(GitSourceConfig config);

        /** How exact images must be for the lint ({@code --pinned}). */
        @BindsInstance
        Builder pinning(dev.workflowrun.domain.variables.Pinning pinning);

        RenderComponent build();
    }

    @Module
    interface Ports {
        @Provides
        static RenderScenarioUseCase useCase(FetchScenarioPort source, ReadManifestPort manifests, List<ManifestCheck> lintRules, Clock clock) {
            return new RunScenario(new RunPorts(source, manifests, Offline.CLUSTER, Offline.STORE, Offline.STORE, Optional.empty(),
                    lintRules, clock));
        }
    }
}
