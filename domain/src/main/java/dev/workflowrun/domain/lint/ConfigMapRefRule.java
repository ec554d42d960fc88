package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.WorkflowTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Task containers read per-run values from {@code workflow-vars-<workflow name>}. A scenario once
 * referenced {@code workflow-vars-<run id>}; its Task pod sat in CreateContainerConfigError until
 * the deadline. Any {@code envFrom} ConfigMap of the per-run form must name the Workflow.
 */
public final class ConfigMapRefRule implements ManifestCheck {

    static final String RULE = "per-run-configmap";
    static final String PREFIX = "workflow-vars-";

    @Override
    public List<LintFinding> check(LintContext context) {
        List<LintFinding> findings = new ArrayList<>();
        String expected = PREFIX + context.expectedWorkflowName();
        context.manifest().workflowSpec().ifPresent(spec -> {
            for (WorkflowTemplate t : spec.templates()) {
                for (String name : t.envFromConfigMaps()) {
                    if (name.startsWith(PREFIX) && !name.equals(expected)) {
                        findings.add(LintFinding.error(RULE, "template '" + t.name() + "' reads envFrom ConfigMap '" + name
                                + "', but the per-run ConfigMap is '" + expected + "' (workflow-vars-<workflow name>); the pod would sit in "
                                + "CreateContainerConfigError until its deadline"));
                    }
                }
            }
        });
        return findings;
    }
}
