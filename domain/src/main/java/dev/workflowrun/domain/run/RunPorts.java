package dev.workflowrun.domain.run;

import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.drift.LiveImagePort;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.pipeline.ScenarioPipeline;
import dev.workflowrun.domain.scenario.FetchScenarioPort;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The out-ports one run uses, and the lint rules it checks. {@code fallback} receives the bundle
 * when {@code store} fails (invariant 4); {@code live} is empty when no cluster is reachable.
 */
public record RunPorts(FetchScenarioPort source, ReadManifestPort manifests, WorkflowClusterPort cluster, PublishArtifactsPort store,
                       PublishArtifactsPort fallback, Optional<LiveImagePort> live, List<ManifestCheck> lintRules, Clock clock) {

    public RunPorts {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(manifests, "manifests");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(live, "live");
        lintRules = List.copyOf(lintRules);
        Objects.requireNonNull(clock, "clock");
    }

    /** The render pipeline over this run's manifest reader. */
    public ScenarioPipeline pipeline() {
        return new ScenarioPipeline(manifests);
    }
}
