package dev.workflowrun.domain.drift;

import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.scenario.ResolvedScenario;
import dev.workflowrun.domain.variables.Variables;

import java.util.Optional;

/** What drift rules may look at: the resolved scenario, the bound variables, a YAML reader, and the live cluster when reachable. */
public record DriftContext(ResolvedScenario scenario, Variables variables, ReadManifestPort manifests, Optional<LiveImagePort> live) {
}
