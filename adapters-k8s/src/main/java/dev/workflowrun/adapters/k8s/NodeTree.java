package dev.workflowrun.adapters.k8s;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The readable node tree of a captured run ({@value TerminalCapture#TREE_FILE}): each node with its
 * conditions and times, its pods with their containers' exit codes and log notes, and the run's events.
 */
final class NodeTree {

    private NodeTree() {
    }

    /** The readable node tree: each node with its conditions, times from fields a real API server keeps, and its pods. */
    static Map<String, Object> document(String workflowName, Optional<GenericKubernetesResource> workflow, List<GenericKubernetesResource> all,
                                        List<Pod> pods, Map<String, String> logNotes, List<Event> events) {
        Map<String, List<GenericKubernetesResource>> children = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        all.forEach(n -> names.add(Resources.name(n)));
        List<GenericKubernetesResource> roots = new ArrayList<>();
        for (GenericKubernetesResource n : sortedByStart(all)) {
            Optional<String> parent = Optional.ofNullable(n.getMetadata().getLabels()).map(l -> l.get(Resources.LABEL_CONTROLLED_BY))
                    .filter(names::contains)
                    .or(() -> Resources.controller(n).filter(o -> "WorkflowNode".equals(o.getKind()) && names.contains(o.getName()))
                            .map(OwnerReference::getName));
            if (parent.isPresent()) {
                children.computeIfAbsent(parent.get(), k -> new ArrayList<>()).add(n);
            } else {
                roots.add(n);
            }
        }
        Map<String, List<Pod>> podsByNode = new LinkedHashMap<>();
        List<Pod> unowned = new ArrayList<>();
        for (Pod p : pods) {
            Optional<String> node = Optional.ofNullable(p.getMetadata().getLabels()).map(l -> l.get(Resources.LABEL_CONTROLLED_BY)).filter(names::contains);
            node.ifPresentOrElse(n -> podsByNode.computeIfAbsent(n, k -> new ArrayList<>()).add(p), () -> unowned.add(p));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workflow", workflowName);
        workflow.ifPresent(wf -> {
            Resources.text(Resources.status(wf), "startTime").ifPresent(t -> doc.put("startTime", t));
            Resources.text(Resources.status(wf), "endTime").ifPresent(t -> doc.put("endTime", t));
        });
        doc.put("nodes", roots.stream().map(r -> treeEntry(workflow, r, children, podsByNode, logNotes)).toList());
        if (!unowned.isEmpty()) {
            doc.put("otherPods", unowned.stream().map(p -> podSummary(p, logNotes)).toList());
        }
        doc.put("events", events.stream().map(NodeTree::eventSummary).toList());
        return doc;
    }

    private static Map<String, Object> treeEntry(Optional<GenericKubernetesResource> workflow, GenericKubernetesResource n, Map<String, List<GenericKubernetesResource>> children,
                                          Map<String, List<Pod>> podsByNode, Map<String, String> logNotes) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", Resources.name(n));
        e.put("template", Resources.templateName(n));
        e.put("type", Resources.type(n));
        Resources.text(Resources.spec(n), "startTime").ifPresent(t -> e.put("startTime", t));
        endTime(workflow, n, children, podsByNode).ifPresent(t -> e.put("endTime", t));
        Resources.text(Resources.spec(n), "deadline").ifPresent(t -> e.put("deadline", t));
        List<Map<String, Object>> conditions = Resources.list(Resources.status(n).get("conditions")).stream().map(Resources::map)
                .map(c -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("type", c.get("type"));
                    m.put("status", c.get("status"));
                    Resources.text(c, "reason").ifPresent(r -> m.put("reason", r));
                    return m;
                }).toList();
        e.put("conditions", conditions);
        List<Pod> own = podsByNode.getOrDefault(Resources.name(n), List.of());
        if (!own.isEmpty()) {
            e.put("pods", own.stream().map(p -> podSummary(p, logNotes)).toList());
        }
        List<GenericKubernetesResource> kids = children.getOrDefault(Resources.name(n), List.of());
        if (!kids.isEmpty()) {
            e.put("children", kids.stream().map(k -> treeEntry(workflow, k, children, podsByNode, logNotes)).toList());
        }
        return e;
    }

    /**
     * When a node ended, from fields a real API server keeps (conditions carry no time): a Task when
     * its pod's containers finished; a node ended by its own deadline at that deadline; a Serial or
     * Parallel when its last child ended; the entry when the Workflow's {@code endTime} says.
     */
    private static Optional<String> endTime(Optional<GenericKubernetesResource> workflow, GenericKubernetesResource n, Map<String, List<GenericKubernetesResource>> children, Map<String, List<Pod>> podsByNode) {
        if (Resources.type(n).equals("Task")) {
            return podsByNode.getOrDefault(Resources.name(n), List.of()).stream().findFirst()
                    .flatMap(p -> containerStatuses(p).stream()
                            .map(cs -> cs.getState() == null || cs.getState().getTerminated() == null ? null : cs.getState().getTerminated().getFinishedAt())
                            .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()));
        }
        if ("NodeDeadlineExceed".equals(ChaosMeshOutcomePolicy.deadlineReason(n))) {
            return Resources.text(Resources.spec(n), "deadline");
        }
        if (!Resources.finished(n)) {
            return Optional.empty();
        }
        Optional<String> last = children.getOrDefault(Resources.name(n), List.of()).stream()
                .map(k -> endTime(workflow, k, children, podsByNode)).flatMap(Optional::stream).max(Comparator.naturalOrder());
        return last.or(() -> workflow.filter(wf -> Resources.name(n).equals(Resources.text(Resources.status(wf), "entryNode").orElse("")))
                .flatMap(wf -> Resources.text(Resources.status(wf), "endTime")));
    }

    private static Map<String, Object> podSummary(Pod pod, Map<String, String> logNotes) {
        Map<String, Object> p = new LinkedHashMap<>();
        String name = pod.getMetadata().getName();
        p.put("name", name);
        p.put("phase", pod.getStatus() == null ? "Unknown" : String.valueOf(pod.getStatus().getPhase()));
        Optional.ofNullable(pod.getStatus()).map(s -> s.getReason()).ifPresent(r -> p.put("reason", r));
        List<Map<String, Object>> containers = new ArrayList<>();
        for (ContainerStatus cs : containerStatuses(pod)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("name", cs.getName());
            c.put("image", cs.getImage());
            c.put("restartCount", cs.getRestartCount() == null ? 0 : cs.getRestartCount());
            ContainerState s = cs.getState();
            if (s != null && s.getTerminated() != null) {
                c.put("state", "terminated");
                c.put("exitCode", s.getTerminated().getExitCode());
                Optional.ofNullable(s.getTerminated().getReason()).ifPresent(r -> c.put("reason", r));
                Optional.ofNullable(s.getTerminated().getStartedAt()).ifPresent(r -> c.put("startedAt", r));
                Optional.ofNullable(s.getTerminated().getFinishedAt()).ifPresent(r -> c.put("finishedAt", r));
            } else if (s != null && s.getWaiting() != null) {
                c.put("state", "waiting");
                Optional.ofNullable(s.getWaiting().getReason()).ifPresent(r -> c.put("reason", r));
                Optional.ofNullable(s.getWaiting().getMessage()).ifPresent(r -> c.put("message", r));
            } else if (s != null && s.getRunning() != null) {
                c.put("state", "running");
                Optional.ofNullable(s.getRunning().getStartedAt()).ifPresent(r -> c.put("startedAt", r));
            } else {
                c.put("state", "unknown");
            }
            Optional.ofNullable(logNotes.get(name + "/" + cs.getName())).ifPresent(n -> c.put("log", n));
            containers.add(c);
        }
        p.put("containers", containers);
        return p;
    }

    private static Map<String, Object> eventSummary(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", Optional.ofNullable(e.getLastTimestamp()).orElse(String.valueOf(e.getFirstTimestamp())));
        m.put("type", e.getType());
        m.put("reason", e.getReason());
        m.put("object", e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName());
        m.put("message", e.getMessage());
        m.put("count", e.getCount() == null ? 1 : e.getCount());
        return m;
    }

    static List<ContainerStatus> containerStatuses(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of() : pod.getStatus().getContainerStatuses();
    }

    private static List<GenericKubernetesResource> sortedByStart(List<GenericKubernetesResource> all) {
        return all.stream().sorted(Comparator.comparing((GenericKubernetesResource n) -> Resources.text(Resources.spec(n), "startTime").orElse(""))
                .thenComparing(n -> String.valueOf(n.getMetadata().getCreationTimestamp()))
                .thenComparing(Resources::name)).toList();
    }

}
