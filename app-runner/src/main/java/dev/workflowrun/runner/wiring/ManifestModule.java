package dev.workflowrun.runner.wiring;

import dagger.Module;
import dagger.Provides;
import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.domain.lint.LintRules;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.variables.Pinning;

import java.time.Clock;
import java.util.List;

/** Manifest reading (fabric8's YAML) and the lint rules a run checks before apply. */
@Module
public interface ManifestModule {

    @Provides
    static ReadManifestPort manifests() {
        return KubernetesAdapters.manifestReader();
    }

    /** The rules checked before apply, in the order their findings are reported. */
    @Provides
    static List<ManifestCheck> lintRules(Pinning pinning) {
        return LintRules.defaults(pinning);
    }

    @Provides
    static Clock clock(Environment environment) {
        return environment.clock();
    }
}
