package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.ManifestObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A scenario applies exactly one Workflow into the run's namespace, and nothing else: no
 * cluster-scoped object, nothing for another namespace. The runner's Role could not apply more
 * anyway; saying so before apply gives a clear message instead of a 403 halfway through.
 */
public final class AllowedKindsRule implements ManifestCheck {

    static final String RULE = "allowed-kinds";
    private static final Set<String> ALLOWED = Set.of("chaos-mesh.org/v1alpha1/Workflow", "argoproj.io/v1alpha1/Workflow");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "PersistentVolume", "StorageClass", "ClusterRole",
            "ClusterRoleBinding", "CustomResourceDefinition", "PriorityClass", "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration", "APIService", "ClusterWorkflowTemplate", "RuntimeClass", "PodSecurityPolicy");

    @Override
    public List<LintFinding> check(LintContext context) {
        List<LintFinding> findings = new ArrayList<>();
        int workflows = 0;
        for (ManifestObject o : context.manifest().objects()) {
            String type = o.apiVersion() + "/" + o.kind();
            if (CLUSTER_SCOPED.contains(o.kind())) {
                findings.add(LintFinding.error(RULE, o.kind() + " '" + o.name() + "' is cluster-scoped; a scenario may only create its Workflow"));
            } else if (!ALLOWED.contains(type)) {
                findings.add(LintFinding.error(RULE, type + " '" + o.name() + "' is not allowed; a scenario holds exactly one "
                        + "chaos-mesh.org/v1alpha1 Workflow (create other objects from a Task)"));
            } else {
                workflows++;
            }
            o.namespace().filter(ns -> !ns.equals(context.namespace())).ifPresent(ns -> findings.add(LintFinding.error(RULE,
                    o.kind() + " '" + o.name() + "' is for namespace '" + ns + "', not the run's '" + context.namespace() + "'")));
        }
        if (workflows > 1) {
            findings.add(LintFinding.error(RULE, "the scenario holds " + workflows + " Workflows; it must hold exactly one"));
        }
        return findings;
    }
}
