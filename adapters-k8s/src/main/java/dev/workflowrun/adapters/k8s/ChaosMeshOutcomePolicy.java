package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chaos Mesh: the Workflow has no phase and a Serial template does not fail fast, so pass or
 * fail is read from the Task pods' exit codes and the nodes' conditions.
 *
 * <p>Terminal when the Workflow's {@code Accomplished} condition is "True", or its entry node is
 * {@code DeadlineExceed} or {@code Aborted}. The verdict, looking at Task nodes in the order they
 * started, the first one that did not pass deciding: a node aborted by someone else, a container
 * that never started (image pull errors, {@code CreateContainerConfigError}), a Task without a
 * pod, or exit code 2 are infrastructure failures; exit code 1 (or any other non-zero code) is a
 * task failure; a Task still running at its deadline, or an entry node past its deadline, is a
 * time-out. Otherwise every Task exited 0 and the run passed.
 */
final class ChaosMeshOutcomePolicy implements OutcomePolicy {

    /** Waiting reasons that mean the container will not start by itself. */
    private static final Set<String> NOT_STARTING = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "ErrImageNeverPull", "CrashLoopBackOff");

    @Override
    public String name() {
        return "chaos-mesh";
    }

    @Override
    public boolean readsNodes() {
        return true;
    }

    @Override
    public String podLabel() {
        return Resources.LABEL_WORKFLOW;
    }

    @Override
    public boolean isTerminal(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes) {
        if (Resources.conditionTrue(workflow, "Accomplished")) {
            return true;
        }
        return entryNode(workflow, nodes)
                .map(entry -> Resources.conditionTrue(entry, "DeadlineExceed") || Resources.conditionTrue(entry, "Aborted"))
                .orElse(false);
    }

    static Optional<GenericKubernetesResource> entryNode(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes) {
        Optional<String> named = Resources.text(Resources.status(workflow), "entryNode");
        if (named.isPresent()) {
            Optional<GenericKubernetesResource> found = nodes.stream().filter(n -> Resources.name(n).equals(named.get())).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        String entryTemplate = Resources.text(Resources.spec(workflow), "entry").orElse("");
        return nodes.stream()
                .filter(n -> Resources.controller(n).map(o -> "Workflow".equals(o.getKind())).orElse(false)
                        || Resources.templateName(n).equals(entryTemplate))
                .findFirst();
    }

    @Override
    public WorkflowVerdict verdict(GenericKubernetesResource workflow, List<GenericKubernetesResource> nodes, List<Pod> pods) {
        List<GenericKubernetesResource> tasks = nodes.stream().filter(n -> Resources.type(n).equals("Task"))
                .sorted(Comparator.comparing((GenericKubernetesResource n) -> Resources.text(Resources.spec(n), "startTime").orElse(""))
                        .thenComparing(n -> String.valueOf(n.getMetadata().getCreationTimestamp()))
                        .thenComparing(Resources::name))
                .toList();
        Map<String, List<Pod>> podsByNode = podsByNode(pods);

        Optional<GenericKubernetesResource> aborted = nodes.stream().filter(n -> Resources.conditionTrue(n, "Aborted"))
                .min(Comparator.comparing((GenericKubernetesResource n) -> !Resources.type(n).equals("Task")));
        if (aborted.isPresent()) {
            GenericKubernetesResource n = aborted.get();
            return WorkflowVerdict.decidedBy(Outcome.INFRA_FAILED, Resources.templateName(n),
                    "the Workflow was aborted by someone other than this run (node " + Resources.name(n) + " is Aborted"
                            + reason(n, "Aborted") + ")");
        }
        for (GenericKubernetesResource task : tasks) {
            Optional<WorkflowVerdict> failed = judge(task, podsByNode.getOrDefault(Resources.name(task), List.of()));
            if (failed.isPresent()) {
                return failed.get();
            }
        }
        Optional<GenericKubernetesResource> entry = entryNode(workflow, nodes);
        if (entry.isPresent() && Resources.conditionTrue(entry.get(), "DeadlineExceed")) {
            Optional<String> running = tasks.stream().filter(t -> !Resources.finished(t) || Resources.conditionTrue(t, "DeadlineExceed"))
                    .map(Resources::templateName).reduce((a, b) -> b);
            String deadline = Resources.text(Resources.spec(entry.get()), "deadline").map(d -> " (due " + d + ")").orElse("");
            return new WorkflowVerdict(Outcome.TIMED_OUT, running,
                    "the entry node " + Resources.templateName(entry.get()) + " exceeded its deadline" + deadline
                            + running.map(t -> " while " + t + " was running").orElse(""));
        }
        long exceeded = nodes.stream().filter(n -> Resources.conditionTrue(n, "DeadlineExceed")).count();
        if (exceeded > 0) {
            GenericKubernetesResource n = nodes.stream().filter(x -> Resources.conditionTrue(x, "DeadlineExceed")).findFirst().orElseThrow();
            return WorkflowVerdict.decidedBy(Outcome.TIMED_OUT, Resources.templateName(n),
                    "node " + Resources.templateName(n) + " exceeded its deadline");
        }
        return WorkflowVerdict.of(Outcome.PASSED, "the Workflow is Accomplished and all " + tasks.size() + " Task(s) exited 0");
    }

    /** Empty when this Task passed (or is still running before any deadline). */
    private static Optional<WorkflowVerdict> judge(GenericKubernetesResource task, List<Pod> pods) {
        String template = Resources.templateName(task);
        // A Task cut short because its parent ran out of time is not the Task's own time-out: the parent decides.
        boolean exceeded = Resources.conditionTrue(task, "DeadlineExceed")
                && !Resources.condition(task, "DeadlineExceed").flatMap(c -> Resources.text(c, "reason")).orElse("")
                .equals("ParentNodeDeadlineExceed");
        if (pods.isEmpty()) {
            if (exceeded || Resources.finished(task)) {
                return Optional.of(WorkflowVerdict.decidedBy(Outcome.INFRA_FAILED, template,
                        "Task " + template + " has no pod" + (exceeded ? " at its deadline: it was never created" : ": it is gone before capture")));
            }
            return Optional.empty();
        }
        Pod pod = pods.get(pods.size() - 1);
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        for (ContainerStatus cs : statuses) {
            ContainerStateTerminated t = cs.getState() == null ? null : cs.getState().getTerminated();
            if (t != null && t.getExitCode() != null && t.getExitCode() != 0) {
                int code = t.getExitCode();
                Outcome outcome = code == 2 ? Outcome.INFRA_FAILED : Outcome.TASK_FAILED;
                return Optional.of(WorkflowVerdict.decidedBy(outcome, template, "Task " + template + " (pod " + pod.getMetadata().getName()
                        + ", container " + cs.getName() + ") exited " + code
                        + (code == 2 ? " (infrastructure failure)" : code == 1 ? " (task failure)" : "")
                        + (t.getReason() != null ? ", reason " + t.getReason() : "")));
            }
        }
        for (ContainerStatus cs : statuses) {
            ContainerStateWaiting w = cs.getState() == null ? null : cs.getState().getWaiting();
            if (w != null && w.getReason() != null && (NOT_STARTING.contains(w.getReason()) || exceeded || Resources.conditionTrue(task, "Accomplished"))) {
                return Optional.of(WorkflowVerdict.decidedBy(Outcome.INFRA_FAILED, template, "Task " + template + " never started: container "
                        + cs.getName() + " of pod " + pod.getMetadata().getName() + " is waiting with " + w.getReason()
                        + (w.getMessage() != null ? " (" + w.getMessage() + ")" : "")));
            }
        }
        if (exceeded) {
            return Optional.of(WorkflowVerdict.decidedBy(Outcome.TIMED_OUT, template, "Task " + template + " was still running at its deadline"
                    + Resources.text(Resources.spec(task), "deadline").map(d -> " (" + d + ")").orElse("")));
        }
        if (Resources.conditionTrue(task, "Accomplished") && statuses.stream().noneMatch(cs -> cs.getState() != null && cs.getState().getTerminated() != null)) {
            return Optional.of(WorkflowVerdict.decidedBy(Outcome.INFRA_FAILED, template,
                    "Task " + template + " is finished but its container never terminated (pod phase "
                            + (pod.getStatus() == null ? "unknown" : pod.getStatus().getPhase()) + ")"));
        }
        return Optional.empty();
    }

    private static Map<String, List<Pod>> podsByNode(List<Pod> pods) {
        Map<String, List<Pod>> out = new HashMap<>();
        for (Pod p : pods.stream().sorted(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp()))).toList()) {
            Optional<String> node = Optional.ofNullable(p.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                    .filter(o -> "WorkflowNode".equals(o.getKind())).map(OwnerReference::getName).findFirst()
                    .or(() -> Optional.ofNullable(p.getMetadata().getLabels()).map(l -> l.get(Resources.LABEL_CONTROLLED_BY)));
            node.ifPresent(n -> out.computeIfAbsent(n, k -> new ArrayList<>()).add(p));
        }
        return out;
    }

    private static String reason(GenericKubernetesResource n, String type) {
        return Resources.condition(n, type).flatMap(c -> Resources.text(c, "reason")).map(r -> ", reason " + r).orElse("");
    }

    @Override
    public Progress progress(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes) {
        int total = Resources.list(Resources.spec(workflow).get("templates")).size();
        int finished = (int) nodes.stream().filter(Resources::finished).count();
        Optional<String> running = nodes.stream().filter(n -> Resources.type(n).equals("Task") && !Resources.finished(n))
                .map(Resources::templateName).sorted().findFirst();
        return new Progress(finished, Math.max(total, nodes.size()), running);
    }
}
