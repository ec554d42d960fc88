package dev.workflowrun.domain.verify;

import dev.workflowrun.domain.drift.DriftRule;
import dev.workflowrun.domain.scenario.ScenarioRef;

import java.util.List;
import java.util.Map;

/**
 * One {@code workflow-run} invocation found in a deployment manifest (a CronJob's container),
 * read the way the container would see it.
 *
 * @param origin    where it was found, e.g. {@code deploy/cronjobs.yaml#release-test}
 * @param images    every container image of the pod, to check that each is pinned
 * @param unreadable value sources that exist only at run time (a mounted {@code --var-file}, an env
 *                   value from a Secret): variables they would fill are not checked at build time
 * @param runIdVariable     what its {@code --run-id-var} names (or the default)
 * @param namespaceVariable what its {@code --namespace-var} names (or the default)
 */
public record Invocation(String origin, String scenario, ScenarioRef ref, String namespace, Map<String, String> variables,
                         List<DriftRule> rules, List<String> images, List<String> unreadable, String runIdVariable, String namespaceVariable) {

    public Invocation {
        variables = Map.copyOf(variables);
        rules = List.copyOf(rules);
        images = List.copyOf(images);
        unreadable = List.copyOf(unreadable);
        java.util.Objects.requireNonNull(runIdVariable, "runIdVariable");
        java.util.Objects.requireNonNull(namespaceVariable, "namespaceVariable");
    }

    /** An invocation that names no role placeholder: the header's marks or the default names apply. */
    public Invocation(String origin, String scenario, ScenarioRef ref, String namespace, Map<String, String> variables,
                      List<DriftRule> rules, List<String> images, List<String> unreadable) {
        this(origin, scenario, ref, namespace, variables, rules, images, unreadable,
                dev.workflowrun.domain.variables.PlaceholderRole.RUN_ID.defaultVariable(),
                dev.workflowrun.domain.variables.PlaceholderRole.NAMESPACE.defaultVariable());
    }
}
