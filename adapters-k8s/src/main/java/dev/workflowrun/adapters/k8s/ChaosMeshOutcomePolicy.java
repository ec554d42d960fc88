package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The verdict of a Chaos Mesh Workflow, by the controller's own semantics. Each rule names the
 * file of {@code chaos-mesh/chaos-mesh} it rests on ({@code controllers/} is
 * {@code pkg/workflow/controllers/}); ADR 0004 lists them.
 *
 * <ul>
 * <li><b>Over</b>: the Workflow's {@code Accomplished=True} is written whenever the entry node is
 *     finished by any means, accomplished, deadline or abort ({@code controllers/workflow_entry_reconciler.go});
 *     it means "over", never "passed". The entry node finished counts too, as the Workflow's
 *     status may lag ({@code WorkflowNodeFinished}, {@code controllers/utils.go}).</li>
 * <li><b>Leaves in the order they started</b> (Task, StatusCheck, Suspend, Schedule, chaos): the
 *     first one with a problem decides. A Serial does not fail fast
 *     ({@code controllers/serial_node_reconciler.go}), so a late failure is found behind earlier passes.</li>
 * <li><b>Task</b>: the node is {@code Accomplished} when {@code pods[0]} is Succeeded or Failed,
 *     whatever the exit code ({@code controllers/task_reconciler.go}); the exit code decides
 *     ({@link TaskPodExit}). A missing pod is re-created even for a finished node (upstream issue
 *     #4878), so a Task may have several pods: the judged one is the controller's {@code pods[0]},
 *     the first in the API server's list order (by name).</li>
 * <li><b>Deadlines</b> ({@code controllers/deadline_reconciler.go}): {@code NodeDeadlineOmitted}
 *     (the node had already finished) is not a time-out; {@code NodeDeadlineExceed} on a Task,
 *     Serial or Parallel (still unfinished at its own deadline) is; {@code ParentNodeDeadlineExceed}
 *     on a running Task is the parent's time-out, decided by that Task. A Task whose container
 *     never started is an infrastructure failure, whichever deadline ended the wait. An Aborted node
 *     is finished, yet it is marked {@code NodeDeadlineExceed} when its deadline comes (the reconciler
 *     only tells Accomplished apart): that deadline is the abort's, not a time-out.</li>
 * <li><b>Suspend, Schedule and chaos nodes</b> finish only by their deadline: no reconciler sets
 *     {@code Accomplished} on them ({@code controllers/chaos_node_reconciler.go}; Suspend has no
 *     reconciler), so {@code NodeDeadlineExceed} is their normal end. A chaos node is a problem
 *     only when its chaos was never injected: no {@code ChaosInjected} condition at all, or a
 *     {@code ChaosCRCreateFailed} event and no {@code ChaosCRCreated} one (the condition itself turns
 *     False/{@code ChaosCRNotExists} once the finished node's chaos is deleted).</li>
 * <li><b>Aborts</b> ({@code controllers/abort_workflow_reconciler.go}, {@code abort_node_reconciler.go},
 *     {@code statuscheck_reconciler.go}): a StatusCheck with {@code abortWithStatusCheck} that fails
 *     writes {@code Aborted=True/StatusCheckNotExceedSuccessThreshold} on its node and then the
 *     abort annotation: the check failed, a task failure decided by that check. An abort this
 *     runner made carries {@link #ANNOTATION_ABORT_REASON}. Any other abort was someone else's:
 *     interrupted. The entry is marked Aborted even if it had already Accomplished; such an abort
 *     came after the run and changes nothing. Running Task pods are not stopped by an abort, so a Task whose pod still ran to
 *     its end is judged by its exit code.</li>
 * </ul>
 */
final class ChaosMeshOutcomePolicy implements OutcomePolicy {

    /** Written by this runner next to the abort annotation: why it aborted ({@code hard-deadline} or {@code interrupted}). */
    static final String ANNOTATION_ABORT_REASON = "workflow-run.dev/abort-reason";

    static final String NODE_DEADLINE_EXCEED = "NodeDeadlineExceed";
    static final String NODE_DEADLINE_OMITTED = "NodeDeadlineOmitted";
    static final String PARENT_NODE_DEADLINE_EXCEED = "ParentNodeDeadlineExceed";
    static final String STATUS_CHECK_FAILED = "StatusCheckNotExceedSuccessThreshold";

    private static final Set<String> COMPOSITES = Set.of("Serial", "Parallel");
    private static final Set<String> NOT_CHAOS = Set.of("Task", "Serial", "Parallel", "Suspend", "StatusCheck");

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
    public boolean needsEvents(Collection<GenericKubernetesResource> nodes) {
        return nodes.stream().anyMatch(ChaosMeshOutcomePolicy::isChaos);
    }

    @Override
    public boolean isTerminal(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes) {
        return Resources.conditionTrue(workflow, "Accomplished") || nodesCaughtUp(workflow, nodes);
    }

    /** The watch has delivered the entry node's end, by whatever means it ended: the controller writes it before the Workflow's. */
    @Override
    public boolean nodesCaughtUp(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes) {
        return entryNode(workflow, nodes).map(Resources::finished).orElse(false);
    }

    /**
     * The nodes one watch holds are the verdict's evidence, with no listing, when they show a whole
     * tree that ended as a passing run ends: the entry node {@code Accomplished} (not by a deadline or an
     * abort), and every node named in a tree node's {@code status.finishedChildren} or {@code activeChildren}
     * there and finished ({@code controllers/serial_node_reconciler.go}, {@code parallel_node_reconciler.go}
     * write both lists with the condition). A watch delivers its kind's writes in the order they were made,
     * and a composite node's end is written after the children's statuses it was decided from, so such a
     * watch holds every status the end rests on; a watch's first events (one per existing node) are one
     * snapshot, and a tree with a node missing is not taken. Anything else is listed afresh.
     */
    @Override
    public boolean watchedNodesSuffice(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes) {
        Optional<GenericKubernetesResource> entry = entryNode(workflow, nodes);
        if (entry.isEmpty() || !Resources.conditionTrue(entry.get(), "Accomplished")
                || Resources.conditionTrue(entry.get(), "DeadlineExceed") || Resources.conditionTrue(entry.get(), "Aborted")) {
            return false;
        }
        Map<String, GenericKubernetesResource> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(Resources.name(n), n));
        Deque<GenericKubernetesResource> open = new ArrayDeque<>(List.of(entry.get()));
        Set<String> seen = new HashSet<>();
        while (!open.isEmpty()) {
            GenericKubernetesResource node = open.pop();
            if (!seen.add(Resources.name(node))) {
                continue;
            }
            if (!Resources.finished(node)) {
                return false;
            }
            for (String child : childNames(node)) {
                GenericKubernetesResource found = byName.get(child);
                if (found == null) {
                    return false;
                }
                open.push(found);
            }
        }
        return true;
    }

    private static List<String> childNames(GenericKubernetesResource node) {
        List<String> names = new ArrayList<>();
        for (String list : List.of("finishedChildren", "activeChildren")) {
            if (Resources.status(node).get(list) instanceof List<?> refs) {
                refs.stream().filter(Map.class::isInstance).map(r -> ((Map<?, ?>) r).get("name"))
                        .filter(Objects::nonNull).forEach(n -> names.add(String.valueOf(n)));
            }
        }
        return names;
    }

    static Optional<GenericKubernetesResource> entryNode(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes) {
        Optional<String> named = Resources.text(Resources.status(workflow), "entryNode");
        if (named.isPresent()) {
            Optional<GenericKubernetesResource> found = nodes.stream().filter(n -> Resources.name(n).equals(named.get())).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        // fetchEntryNode (workflow_entry_reconciler.go): the entry is the node controlled by the Workflow itself.
        String workflowName = workflow.getMetadata().getName();
        return nodes.stream()
                .filter(n -> workflowName.equals(label(n, Resources.LABEL_CONTROLLED_BY))
                        || Resources.controller(n).map(o -> "Workflow".equals(o.getKind())).orElse(false))
                .min(Comparator.comparing(n -> String.valueOf(n.getMetadata().getCreationTimestamp())));
    }

    @Override
    public WorkflowVerdict verdict(Evidence evidence) {
        Tree tree = new Tree(evidence);
        for (GenericKubernetesResource leaf : tree.leavesInStartOrder()) {
            Optional<WorkflowVerdict> problem = switch (Resources.type(leaf)) {
                case "Task" -> judgeTask(tree, leaf);
                case "StatusCheck" -> isStatusCheckAbort(leaf) ? Optional.of(tree.abortVerdict(Optional.empty())) : Optional.empty();
                case "Suspend" -> Optional.empty();
                default -> judgeChaos(tree, leaf);
            };
            if (problem.isPresent()) {
                return problem.get();
            }
        }
        // A Serial or Parallel unfinished at its own deadline, while a Suspend or chaos step was active, or
        // before the deadline reached the running Task (propagation is asynchronous, top-down).
        Optional<GenericKubernetesResource> timedOut = tree.nodes.stream()
                .filter(n -> COMPOSITES.contains(Resources.type(n)) && NODE_DEADLINE_EXCEED.equals(deadlineReason(n))
                        && !Resources.conditionTrue(n, "Aborted"))
                .min(Comparator.comparing((GenericKubernetesResource n) -> Resources.text(Resources.spec(n), "deadline").orElse("")));
        if (timedOut.isPresent()) {
            GenericKubernetesResource node = timedOut.get();
            Optional<GenericKubernetesResource> active = tree.activeLeafUnder(node);
            String due = Resources.text(Resources.spec(node), "deadline").map(d -> " (due " + d + ")").orElse("");
            return new WorkflowVerdict(Outcome.TIMED_OUT, active.map(Resources::templateName),
                    "the deadline of " + Resources.type(node) + " " + Resources.templateName(node) + due + " passed"
                            + active.map(a -> " while " + describeLeaf(a) + " was running").orElse("")
                            + " (it was still unfinished: DeadlineExceed=True, reason " + NODE_DEADLINE_EXCEED + ")");
        }
        // The entry is marked Aborted even when it had already finished (abort_workflow_reconciler.go): an abort
        // of an Accomplished entry came after every child had ended, and changed nothing.
        if (tree.entry.map(e -> Resources.conditionTrue(e, "Aborted") && !Resources.conditionTrue(e, "Accomplished")).orElse(false)) {
            return tree.abortVerdict(tree.entry.flatMap(tree::activeLeafUnder));
        }
        long tasks = tree.nodes.stream().filter(n -> Resources.type(n).equals("Task")).count();
        long omitted = tree.nodes.stream().filter(n -> NODE_DEADLINE_OMITTED.equals(deadlineReason(n))).count();
        long endedByDeadline = tree.nodes.stream().filter(n -> !Resources.type(n).equals("Task") && !COMPOSITES.contains(Resources.type(n))
                && NODE_DEADLINE_EXCEED.equals(deadlineReason(n))).count();
        return WorkflowVerdict.of(Outcome.PASSED, "the Workflow is over and all " + tasks + " Task(s) exited 0"
                + (endedByDeadline > 0 ? "; " + endedByDeadline + " Suspend/Schedule/chaos step(s) ended at their deadline, as they always do" : "")
                + (omitted > 0 ? "; " + omitted + " node(s) passed their deadline after finishing (" + NODE_DEADLINE_OMITTED + ", not a time-out)" : ""));
    }

    private static Optional<WorkflowVerdict> judgeTask(Tree tree, GenericKubernetesResource task) {
        String template = Resources.templateName(task);
        List<Pod> pods = tree.podsOf(task);
        if (pods.isEmpty()) {
            if (Resources.finished(task)) {
                return Optional.of(WorkflowVerdict.decidedBy(Outcome.INFRA_FAILED, template, "Task " + template + " has no pod"
                        + (Resources.conditionTrue(task, "DeadlineExceed") ? ": none was created before its deadline" : ": it is gone before capture")));
            }
            return Optional.empty();
        }
        Pod pod = pods.get(0);
        String which = "Task " + template + " (pod " + pod.getMetadata().getName() + ")";
        String several = pods.size() > 1 ? "; the Task had " + pods.size() + " pods (the controller re-creates a missing pod, "
                + "chaos-mesh issue #4878), this one is the pod the controller judges: the first by name" : "";
        TaskPodExit exit = TaskPodExit.of(pod);
        if (exit instanceof TaskPodExit.NeverStarted never) {
            return Optional.of(WorkflowVerdict.decidedBy(Outcome.INFRA_FAILED, template, which + " never started: " + never.why()
                    + deadlineNote(task) + several));
        }
        if (exit instanceof TaskPodExit.PodFailed failed) {
            return Optional.of(WorkflowVerdict.decidedBy(Outcome.INFRA_FAILED, template, which + " failed without a container exit: "
                    + failed.reason() + (failed.message().isBlank() ? "" : " (" + failed.message() + ")") + several));
        }
        String deadline = deadlineReason(task);
        boolean inTime = exit instanceof TaskPodExit.Exited || exit instanceof TaskPodExit.Passed ? finishedBy(pod, Resources.text(Resources.spec(task), "deadline")) : false;
        // An aborted node is finished; the deadline reconciler still marks it NodeDeadlineExceed later (it only tells
        // Accomplished apart), so its deadline after an abort is not a time-out.
        boolean aborted = Resources.conditionTrue(task, "Aborted");
        if (NODE_DEADLINE_EXCEED.equals(deadline) && !inTime && !aborted) {
            return Optional.of(WorkflowVerdict.decidedBy(Outcome.TIMED_OUT, template, which + " was still running at its own deadline"
                    + Resources.text(Resources.spec(task), "deadline").map(d -> " (" + d + ")").orElse("") + laterExit(exit) + several));
        }
        if (PARENT_NODE_DEADLINE_EXCEED.equals(deadline)) {
            GenericKubernetesResource parent = tree.timedOutAncestor(task).orElse(task);
            return Optional.of(WorkflowVerdict.decidedBy(Outcome.TIMED_OUT, template, "the deadline of " + Resources.type(parent) + " "
                    + Resources.templateName(parent) + Resources.text(Resources.spec(parent), "deadline").map(d -> " (" + d + ")").orElse("")
                    + " passed while " + which + " was running" + laterExit(exit) + several));
        }
        if (exit instanceof TaskPodExit.Exited exited) {
            return Optional.of(WorkflowVerdict.decidedBy(exited.infra() ? Outcome.INFRA_FAILED : Outcome.TASK_FAILED, template,
                    which + " " + exited.describe() + several));
        }
        if (exit instanceof TaskPodExit.NotFinished && Resources.conditionTrue(task, "Aborted")) {
            return Optional.of(tree.abortVerdict(Optional.of(task)));
        }
        return Optional.empty();
    }

    private static Optional<WorkflowVerdict> judgeChaos(Tree tree, GenericKubernetesResource node) {
        if (!isChaos(node) || !Resources.finished(node)) {
            return Optional.empty();
        }
        String template = Resources.templateName(node);
        Optional<Map<String, Object>> injected = Resources.condition(node, "ChaosInjected");
        if (injected.isEmpty()) {
            return Optional.of(WorkflowVerdict.decidedBy(Outcome.INFRA_FAILED, template, Resources.type(node) + " step " + template
                    + " ended with no ChaosInjected condition: its chaos was never created"));
        }
        if (tree.evidence.events().isPresent()) {
            List<String> reasons = tree.evidence.events().get().stream()
                    .filter(e -> e.getInvolvedObject() != null && Resources.name(node).equals(e.getInvolvedObject().getName()))
                    .map(Event::getReason).toList();
            if (reasons.contains("ChaosCRCreateFailed") && !reasons.contains("ChaosCRCreated")) {
                return Optional.of(WorkflowVerdict.decidedBy(Outcome.INFRA_FAILED, template, Resources.type(node) + " step " + template
                        + " never injected its chaos: the controller reported ChaosCRCreateFailed and never ChaosCRCreated"));
            }
        }
        return Optional.empty();
    }

    private static boolean isChaos(GenericKubernetesResource node) {
        return !NOT_CHAOS.contains(Resources.type(node)) && !Resources.type(node).isEmpty();
    }

    private static boolean isStatusCheckAbort(GenericKubernetesResource node) {
        return Resources.conditionTrue(node, "Aborted") && STATUS_CHECK_FAILED.equals(reason(node, "Aborted"));
    }

    static String deadlineReason(GenericKubernetesResource node) {
        return Resources.conditionTrue(node, "DeadlineExceed") ? reason(node, "DeadlineExceed") : "";
    }

    private static String reason(GenericKubernetesResource node, String type) {
        return Resources.condition(node, type).flatMap(c -> Resources.text(c, "reason")).orElse("");
    }

    private static String deadlineNote(GenericKubernetesResource task) {
        String reason = deadlineReason(task);
        return reason.isEmpty() ? "" : " (the wait ended by DeadlineExceed, reason " + reason + ")";
    }

    private static String laterExit(TaskPodExit exit) {
        if (exit instanceof TaskPodExit.Exited e) {
            return "; it later exited " + e.code();
        }
        return exit instanceof TaskPodExit.Passed ? "; it later exited 0" : "";
    }

    /** Whether every container of the pod had terminated by the node's deadline (the deadline write then only raced the Task's). */
    private static boolean finishedBy(Pod pod, Optional<String> deadline) {
        if (deadline.isEmpty() || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty()) {
            return false;
        }
        try {
            Instant due = Instant.parse(deadline.get());
            for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
                if (cs.getState() == null || cs.getState().getTerminated() == null || cs.getState().getTerminated().getFinishedAt() == null
                        || Instant.parse(cs.getState().getTerminated().getFinishedAt()).isAfter(due)) {
                    return false;
                }
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String describeLeaf(GenericKubernetesResource leaf) {
        return (Resources.type(leaf).equals("Task") ? "Task " : Resources.type(leaf) + " step ") + Resources.templateName(leaf);
    }

    private static String label(GenericKubernetesResource r, String key) {
        return Optional.ofNullable(r.getMetadata().getLabels()).map(l -> l.get(key)).orElse("");
    }

    /** The nodes as the controller links them: parents by the controlled-by label (or owner), pods by node. */
    private static final class Tree {
        final Evidence evidence;
        final List<GenericKubernetesResource> nodes;
        final Optional<GenericKubernetesResource> entry;
        final Map<String, GenericKubernetesResource> byName = new LinkedHashMap<>();
        final Map<String, String> parentOf = new HashMap<>();
        final Map<String, List<Pod>> podsByNode = new HashMap<>();
        final Map<String, Integer> templateOrder = new HashMap<>();

        Tree(Evidence evidence) {
            this.evidence = evidence;
            this.nodes = evidence.nodes();
            this.entry = entryNode(evidence.workflow(), nodes);
            nodes.forEach(n -> byName.put(Resources.name(n), n));
            for (GenericKubernetesResource n : nodes) {
                String parent = label(n, Resources.LABEL_CONTROLLED_BY);
                if (parent.isEmpty()) {
                    parent = Resources.controller(n).filter(o -> "WorkflowNode".equals(o.getKind())).map(OwnerReference::getName).orElse("");
                }
                if (byName.containsKey(parent)) {
                    parentOf.put(Resources.name(n), parent);
                }
            }
            for (Pod p : evidence.pods()) {
                String node = Optional.ofNullable(p.getMetadata().getLabels()).map(l -> l.get(Resources.LABEL_CONTROLLED_BY))
                        .or(() -> Optional.ofNullable(p.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                                .filter(o -> "WorkflowNode".equals(o.getKind())).map(OwnerReference::getName).findFirst())
                        .orElse("");
                podsByNode.computeIfAbsent(node, k -> new ArrayList<>()).add(p);
            }
            // task_reconciler.go judges pods[0] of a List call: the API server lists by name.
            podsByNode.values().forEach(l -> l.sort(Comparator.comparing(p -> p.getMetadata().getName())));
            orderTemplates(Resources.text(Resources.spec(evidence.workflow()), "entry").orElse(""), new java.util.HashSet<>());
        }

        /** Templates in the order a Serial spawns them (depth first from the entry), to order nodes started in the same second. */
        private void orderTemplates(String name, Set<String> seen) {
            if (!seen.add(name)) {
                return;
            }
            templateOrder.putIfAbsent(name, templateOrder.size());
            Resources.list(Resources.spec(evidence.workflow()).get("templates")).stream().map(Resources::map)
                    .filter(t -> name.equals(t.get("name"))).findFirst()
                    .ifPresent(t -> Resources.list(t.get("children")).forEach(c -> orderTemplates(String.valueOf(c), seen)));
        }

        List<GenericKubernetesResource> leavesInStartOrder() {
            return nodes.stream().filter(n -> !COMPOSITES.contains(Resources.type(n)))
                    .sorted(Comparator.comparing((GenericKubernetesResource n) -> Resources.text(Resources.spec(n), "startTime")
                                    .orElse(String.valueOf(n.getMetadata().getCreationTimestamp())))
                            .thenComparing(n -> String.valueOf(n.getMetadata().getCreationTimestamp()))
                            .thenComparing(n -> templateOrder.getOrDefault(Resources.templateName(n), Integer.MAX_VALUE))
                            .thenComparing(Resources::name))
                    .toList();
        }

        List<Pod> podsOf(GenericKubernetesResource node) {
            return podsByNode.getOrDefault(Resources.name(node), List.of());
        }

        boolean isUnder(GenericKubernetesResource node, GenericKubernetesResource ancestor) {
            String current = Resources.name(node);
            for (int depth = 0; depth < 1000 && parentOf.containsKey(current); depth++) {
                current = parentOf.get(current);
                if (current.equals(Resources.name(ancestor))) {
                    return true;
                }
            }
            return false;
        }

        Optional<GenericKubernetesResource> timedOutAncestor(GenericKubernetesResource node) {
            String current = Resources.name(node);
            for (int depth = 0; depth < 1000 && parentOf.containsKey(current); depth++) {
                current = parentOf.get(current);
                GenericKubernetesResource parent = byName.get(current);
                if (NODE_DEADLINE_EXCEED.equals(deadlineReason(parent))) {
                    return Optional.of(parent);
                }
            }
            return Optional.empty();
        }

        /** The leaf that was still running under {@code node}: not accomplished, or a Task whose pod had not ended; the latest started. */
        Optional<GenericKubernetesResource> activeLeafUnder(GenericKubernetesResource node) {
            List<GenericKubernetesResource> leaves = leavesInStartOrder();
            for (int i = leaves.size() - 1; i >= 0; i--) {
                GenericKubernetesResource leaf = leaves.get(i);
                if (!isUnder(leaf, node)) {
                    continue;
                }
                boolean running = Resources.type(leaf).equals("Task")
                        ? podsOf(leaf).isEmpty() || TaskPodExit.of(podsOf(leaf).get(0)) instanceof TaskPodExit.NotFinished
                        || !Resources.conditionTrue(leaf, "Accomplished")
                        : !Resources.conditionTrue(leaf, "Accomplished") && !NODE_DEADLINE_OMITTED.equals(deadlineReason(leaf));
                if (running) {
                    return Optional.of(leaf);
                }
            }
            return Optional.empty();
        }

        /** Who aborted the Workflow: a failing StatusCheck, this runner, or someone else. */
        WorkflowVerdict abortVerdict(Optional<GenericKubernetesResource> running) {
            String during = running.map(r -> " while " + describeLeaf(r) + " was running").orElse("");
            Optional<GenericKubernetesResource> check = leavesInStartOrder().stream().filter(ChaosMeshOutcomePolicy::isStatusCheckAbort).findFirst();
            if (check.isPresent()) {
                String template = Resources.templateName(check.get());
                return WorkflowVerdict.decidedBy(Outcome.TASK_FAILED, template, "StatusCheck " + template
                        + " did not reach its success threshold and aborted the Workflow (abortWithStatusCheck; Aborted=True, reason "
                        + STATUS_CHECK_FAILED + ")" + during);
            }
            Map<String, String> annotations = Optional.ofNullable(evidence.workflow().getMetadata().getAnnotations()).orElse(Map.of());
            Optional<String> task = running.map(Resources::templateName);
            String byRunner = annotations.getOrDefault(ANNOTATION_ABORT_REASON, "");
            if (!byRunner.isEmpty()) {
                Outcome outcome = byRunner.equals("hard-deadline") ? Outcome.TIMED_OUT : Outcome.INTERRUPTED;
                return new WorkflowVerdict(outcome, task, "the Workflow was aborted by workflow-run (" + byRunner + ")" + during);
            }
            return new WorkflowVerdict(Outcome.INTERRUPTED, task, "the Workflow was aborted by someone else (annotation "
                    + Resources.ANNOTATION_ABORT + "; the entry node is Aborted, reason WorkflowAborted)" + during);
        }
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
