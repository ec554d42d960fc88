package dev.workflowrun.runner.wiring;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.ReadManifestPort;

import java.time.Clock;
import java.util.Set;

/** Manifest reading (fabric8's YAML) and the lint rules a run checks before apply. */
@Module
public interface ManifestModule {

    @Provides
    static ReadManifestPort manifests() {
        return KubernetesAdapters.manifestReader();
    }

    /** Lint rules contribute to this set from their own modules; none is required. */
    @Provides
    @ElementsIntoSet
    static Set<ManifestCheck> noLintRulesByDefault() {
        return Set.of();
    }

    @Provides
    static Clock clock(Environment environment) {
        return environment.clock();
    }
}
