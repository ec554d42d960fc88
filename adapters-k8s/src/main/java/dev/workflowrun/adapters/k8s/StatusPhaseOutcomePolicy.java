package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Engines whose custom resource carries {@code .status.phase}, such as Argo Workflows
 * ({@code argoproj/argo-workflows}): {@code Succeeded} passed; {@code Error} infrastructure failed;
 * {@code Failed} is read with its message, because Argo uses it for three different things:
 * <ul>
 * <li>a shutdown ({@code spec.shutdown}): the Workflow's message is "Stopped with strategy '...'"
 *     ({@code workflow/controller/operator.go}): interrupted;</li>
 * <li>a deadline: the running step is failed with "Step exceeded its deadline"
 *     ({@code workflow/controller/exec_control.go}), and the Workflow's message is that node's: timed out;</li>
 * <li>otherwise a failed step: task failed, or infrastructure failed when its exit code is 2
 *     (the user's task images' contract).</li>
 * </ul>
 * The deciding task is the first failed pod node by {@code startedAt}.
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
    public WorkflowVerdict verdict(Evidence evidence) {
        GenericKubernetesResource workflow = evidence.workflow();
        String phase = phase(workflow);
        String message = Resources.text(Resources.status(workflow), "message").orElse("");
        Optional<Map<String, Object>> failed = Resources.map(Resources.status(workflow).get("nodes")).values().stream().map(Resources::map)
                .filter(n -> "Pod".equals(n.get("type")) && List.of("Failed", "Error").contains(String.valueOf(n.get("phase"))))
                .min(Comparator.comparing((Map<String, Object> n) -> Resources.text(n, "startedAt").orElse("~"))
                        .thenComparing(n -> Resources.text(n, "displayName").orElse("")));
        Optional<String> task = failed.map(n -> Resources.text(n, "displayName").or(() -> Resources.text(n, "templateName")).orElse("?"));
        String nodeMessage = failed.flatMap(n -> Resources.text(n, "message")).orElse("");
        String said = "status.phase is " + phase + (message.isEmpty() ? "" : ": " + message)
                + (nodeMessage.isEmpty() || nodeMessage.equals(message) ? "" : "; step " + task.orElse("?") + ": " + nodeMessage);
        Outcome outcome = switch (phase) {
            case "Succeeded" -> Outcome.PASSED;
            case "Failed" -> failedOutcome(message, nodeMessage, failed);
            default -> Outcome.INFRA_FAILED;
        };
        return new WorkflowVerdict(outcome, outcome == Outcome.PASSED ? Optional.empty() : task, said);
    }

    private static Outcome failedOutcome(String message, String nodeMessage, Optional<Map<String, Object>> failedNode) {
        if (message.startsWith("Stopped with strategy") || nodeMessage.contains("shutdown with strategy")) {
            return Outcome.INTERRUPTED;
        }
        String both = (message + "\n" + nodeMessage).toLowerCase(Locale.ROOT);
        if (both.contains("exceeded its deadline") || both.contains("max duration limit exceeded")) {
            return Outcome.TIMED_OUT;
        }
        String exitCode = failedNode.map(n -> Resources.map(n.get("outputs"))).flatMap(o -> Resources.text(o, "exitCode")).orElse("");
        if (exitCode.equals("2") || failedNode.map(n -> "Error".equals(n.get("phase"))).orElse(false)) {
            return Outcome.INFRA_FAILED;
        }
        return Outcome.TASK_FAILED;
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
