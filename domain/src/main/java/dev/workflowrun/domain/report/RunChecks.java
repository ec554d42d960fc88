package dev.workflowrun.domain.report;

import dev.workflowrun.domain.drift.DriftFinding;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.WorkflowSpec;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.run.RunState;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the checks before apply found, and what the rendered scenario planned.
 *
 * @param verified     lint and every drift rule passed (a run refused before apply says why in its reason)
 * @param lintWarnings the lint findings that did not stop the run
 * @param drift        each drift rule's finding, when the checks ran to the end
 * @param tasks        the Task templates of the rendered Workflow, sorted: those that never ran are skipped
 * @param images       the image-typed variables and their values, sorted by name
 */
public record RunChecks(boolean rendered, boolean verified, List<LintFinding> lintWarnings, List<DriftFinding> drift, List<String> tasks,
                        Map<String, String> images) {

    public static final RunChecks NONE = new RunChecks(false, false, List.of(), List.of(), List.of(), Map.of());

    public RunChecks {
        lintWarnings = List.copyOf(lintWarnings);
        drift = List.copyOf(drift);
        tasks = tasks.stream().sorted().toList();
        images = Map.copyOf(images);
    }

    public static RunChecks of(Optional<RunState.Rendered> rendered, Optional<RunState.Verified> verified) {
        if (rendered.isEmpty()) {
            return NONE;
        }
        RunState.Rendered r = rendered.get();
        List<String> tasks = r.parsed().workflowSpec().map(WorkflowSpec::templates).orElse(List.of()).stream()
                .filter(WorkflowTemplate::isTask).map(WorkflowTemplate::name).distinct().toList();
        Map<String, String> images = new TreeMap<>();
        for (VariableDeclaration d : r.variables().declarations()) {
            if (d.type() == VariableType.IMAGE) {
                r.variables().value(d.name()).ifPresent(v -> images.put(d.name(), v));
            }
        }
        return new RunChecks(true, verified.isPresent(), verified.map(v -> v.plan().warnings()).orElse(List.of()),
                verified.map(v -> v.drift().findings()).orElse(List.of()), tasks, images);
    }
}
