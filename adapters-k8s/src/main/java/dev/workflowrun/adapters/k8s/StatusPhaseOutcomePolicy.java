package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Engines whose custom resource carries {@code .status.phase}, such as Argo Workflows:
 * {@code Succeeded} passed, {@code Failed} task failed, {@code Error} infrastructure failed.
 * The deciding task is the first failed pod node in {@code status.nodes}, when the engine lists them.
 */
final class StatusPhaseOutcomePolicy implements OutcomePolicy {

    @Override
    public String name() {
        return "status-phase";
    }

    @Override
    public boolean readsNodes() {
        return false;
    }

    @Override
    public String podLabel() {
        return Resources.ARGO_LABEL_WORKFLOW;
    }

    @Override
    public boolean isTerminal(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes) {
        return List.of("Succeeded", "Failed", "Error").contains(phase(workflow));
    }

    @Override
    public WorkflowVerdict verdict(GenericKubernetesResource workflow, List<GenericKubernetesResource> nodes, List<Pod> pods) {
        String phase = phase(workflow);
        String message = Resources.text(Resources.status(workflow), "message").map(m -> ": " + m).orElse("");
        Optional<String> task = Resources.map(Resources.status(workflow).get("nodes")).values().stream().map(Resources::map)
                .filter(n -> "Pod".equals(n.get("type")) && List.of("Failed", "Error").contains(String.valueOf(n.get("phase"))))
                .map(n -> Resources.text(n, "displayName").or(() -> Resources.text(n, "templateName")).orElse("?"))
                .sorted().findFirst();
        Outcome outcome = switch (phase) {
            case "Succeeded" -> Outcome.PASSED;
            case "Failed" -> Outcome.TASK_FAILED;
            default -> Outcome.INFRA_FAILED;
        };
        return new WorkflowVerdict(outcome, outcome == Outcome.PASSED ? Optional.empty() : task, "status.phase is " + phase + message);
    }

    @Override
    public Progress progress(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes) {
        Map<String, Object> all = Resources.map(Resources.status(workflow).get("nodes"));
        int finished = (int) all.values().stream().map(Resources::map)
                .filter(n -> List.of("Succeeded", "Failed", "Error", "Skipped", "Omitted").contains(String.valueOf(n.get("phase")))).count();
        return new Progress(finished, all.size(), Optional.empty());
    }

    private static String phase(GenericKubernetesResource workflow) {
        return Resources.text(Resources.status(workflow), "phase").orElse("");
    }
}
