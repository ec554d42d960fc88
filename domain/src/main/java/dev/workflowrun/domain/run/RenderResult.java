package dev.workflowrun.domain.run;

import dev.workflowrun.domain.drift.DriftReport;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.scenario.ResolvedScenario;

import java.util.List;

/** A rendered, linted and drift-checked scenario, ready to apply. */
public record RenderResult(ResolvedScenario scenario, String renderedYaml, RunPlan plan, List<LintFinding> warnings, DriftReport drift) {
}
