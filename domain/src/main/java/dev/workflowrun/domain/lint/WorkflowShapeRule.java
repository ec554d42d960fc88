package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.WorkflowSpec;
import dev.workflowrun.domain.manifest.WorkflowTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code spec.entry} names a template, every child exists, templates are unique, and no template contains itself. */
public final class WorkflowShapeRule implements ManifestCheck {

    static final String RULE = "workflow-shape";

    @Override
    public List<LintFinding> check(LintContext context) {
        List<LintFinding> findings = new ArrayList<>();
        if (context.manifest().workflowSpec().isEmpty()) {
            if (context.manifest().workflow().filter(w -> w.isChaosMeshWorkflow()).isPresent()) {
                findings.add(LintFinding.error(RULE, "the Workflow has no spec.entry"));
            }
            return findings;
        }
        WorkflowSpec spec = context.manifest().workflowSpec().get();
        Set<String> names = new HashSet<>();
        for (WorkflowTemplate t : spec.templates()) {
            if (!names.add(t.name())) {
                findings.add(LintFinding.error(RULE, "template '" + t.name() + "' is defined twice"));
            }
        }
        if (spec.template(spec.entry()).isEmpty()) {
            findings.add(LintFinding.error(RULE, "spec.entry '" + spec.entry() + "' names no template; templates are " + String.join(", ", names)));
        }
        for (WorkflowTemplate t : spec.templates()) {
            for (String child : t.children()) {
                if (!names.contains(child)) {
                    findings.add(LintFinding.error(RULE, "template '" + t.name() + "' has child '" + child + "', which is not a template"));
                }
            }
        }
        for (WorkflowTemplate t : spec.templates()) {
            List<String> path = new ArrayList<>();
            if (cycle(spec, t.name(), path, new HashSet<>())) {
                findings.add(LintFinding.error(RULE, "templates form a cycle: " + String.join(" -> ", path)));
                break;
            }
        }
        return findings;
    }

    private static boolean cycle(WorkflowSpec spec, String name, List<String> path, Set<String> done) {
        if (path.contains(name)) {
            path.add(name);
            return true;
        }
        if (!done.add(name)) {
            return false;
        }
        path.add(name);
        for (String child : spec.template(name).map(WorkflowTemplate::children).orElse(List.of())) {
            if (cycle(spec, child, path, done)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }
}
