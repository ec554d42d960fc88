package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Captures a terminal Workflow before anything is deleted: one list call per kind (never a GET
 * per object), the WorkflowNode tree assembled by ownerReferences, the Task pods' container
 * states, bounded log tails, and the namespace Events that involve these objects. Nothing is
 * changed. What cannot be captured is reported as a problem, and the rest is still kept.
 */
final class TerminalCapture {

    private final KubernetesClient client;
    private final KubernetesCalls calls;
    private final WorkflowHandle handle;
    private final Fabric8WorkflowCluster.Target target;
    private final CaptureOptions options;
    private final BiFunction<WorkflowHandle, Fabric8WorkflowCluster.Target,
            NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>> workflows;
    private final Function<WorkflowHandle,
            NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>> nodes;
    private final List<String> problems = new ArrayList<>();
    private final List<BundleFile> files = new ArrayList<>();

    TerminalCapture(KubernetesClient client, KubernetesCalls calls, WorkflowHandle handle, Fabric8WorkflowCluster.Target target,
                    CaptureOptions options,
                    BiFunction<WorkflowHandle, Fabric8WorkflowCluster.Target,
                            NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>> workflows,
                    Function<WorkflowHandle,
                            NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>> nodes) {
        this.client = client;
        this.calls = calls;
        this.handle = handle;
        this.target = target;
        this.options = options;
        this.workflows = workflows;
        this.nodes = nodes;
    }

    TerminalSnapshot capture() {
        Set<String> involved = new HashSet<>();
        involved.add(handle.name());

        String plural = target.workflow().getPlural();
        try {
            GenericKubernetesResource wf = calls.call("GET", plural, "reading Workflow " + handle,
                    () -> workflows.apply(handle, target).withName(handle.name()).get());
            if (wf == null) {
                problems.add("the Workflow " + handle + " does not exist; nothing of it to capture");
            } else {
                files.add(BundleFile.yaml("workflow.yaml", yaml(wf)));
            }
        } catch (RuntimeException e) {
            problems.add("could not capture the Workflow: " + e.getMessage());
        }

        List<GenericKubernetesResource> nodeList = List.of();
        if (target.policy().readsNodes()) {
            nodeList = attempt("the WorkflowNodes", () -> calls.call("LIST", "workflownodes", "listing the WorkflowNodes of " + handle,
                    () -> nodes.apply(handle).withLabel(Resources.LABEL_WORKFLOW, handle.name()).list().getItems())).orElse(List.of());
            nodeList.forEach(n -> involved.add(Resources.name(n)));
            files.add(BundleFile.yaml("workflownodes.yaml", yaml(nodeDocument(nodeList))));
        }

        List<Pod> pods = attempt("the Task pods", () -> calls.call("LIST", "pods", "listing the Task pods of " + handle,
                () -> client.pods().inNamespace(handle.namespace()).withLabel(target.policy().podLabel(), handle.name()).list().getItems()))
                .orElse(List.of());
        pods = pods.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
        pods.forEach(p -> involved.add(p.getMetadata().getName()));
        Map<String, String> logNotes = new LinkedHashMap<>();
        if (options.logLines() > 0 && options.logBytesPerContainer() > 0) {
            for (Pod pod : pods) {
                for (ContainerStatus cs : containerStatuses(pod)) {
                    captureLog(pod, cs, logNotes);
                }
            }
        }
        files.add(BundleFile.yaml("pods.yaml", yaml(podDocument(pods, logNotes))));

        List<Event> events = attempt("the namespace events", () -> calls.call("LIST", "events", "listing the events of " + handle.namespace(),
                () -> client.v1().events().inNamespace(handle.namespace()).list().getItems())).orElse(List.of());
        files.add(BundleFile.yaml("events.yaml", yaml(eventDocument(events, involved))));
        return new TerminalSnapshot(files, nodeList.size(), pods.size(), problems);
    }

    private void captureLog(Pod pod, ContainerStatus cs, Map<String, String> notes) {
        String podName = pod.getMetadata().getName();
        String key = podName + "/" + cs.getName();
        ContainerState state = cs.getState();
        if (state != null && state.getWaiting() != null && state.getRunning() == null && state.getTerminated() == null
                && (cs.getRestartCount() == null || cs.getRestartCount() == 0)) {
            notes.put(key, "no log: the container never started (" + state.getWaiting().getReason() + ")");
            return;
        }
        try {
            int limit = (int) Math.min(Integer.MAX_VALUE, options.logBytesPerContainer());
            String log = fetchLog(podName, cs.getName(), options.logLines(), limit);
            int bytes = log.getBytes(StandardCharsets.UTF_8).length;
            if (bytes >= limit && options.logLines() > 1) {
                // The API server cuts at the byte limit from the *start* of the tail, but the end of a log is
                // what explains a failure: ask again for as many lines as fitted, so the tail fits whole.
                long complete = log.chars().filter(c -> c == '\n').count();
                int fewer = (int) Math.max(1, Math.min(options.logLines() - 1, complete * 9 / 10));
                log = fetchLog(podName, cs.getName(), fewer, limit);
            }
            files.add(BundleFile.text("logs/" + podName + "/" + cs.getName() + ".log", bound(log)));
        } catch (KubernetesClientException e) {
            // A log the kubelet cannot serve is a fact about the pod, not a failed capture.
            notes.put(key, "no log: " + KubernetesCalls.describe(e));
        } catch (RuntimeException e) {
            problems.add("could not read the log of " + key + ": " + e.getMessage());
        }
    }

    private String fetchLog(String pod, String container, int lines, int limit) {
        String log = calls.call("GET", "pods/log", "reading the log of " + pod + "/" + container, () -> client.pods()
                .inNamespace(handle.namespace()).withName(pod).inContainer(container)
                .limitBytes(limit)
                .tailingLines(lines)
                .getLog());
        return log == null ? "" : log;
    }

    /** The server is asked for the bounds; they are enforced here too, for servers that ignore them. */
    private String bound(String log) {
        String[] lines = log.split("\n", -1);
        int end = log.endsWith("\n") ? lines.length - 1 : lines.length;
        int from = Math.max(0, end - options.logLines());
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < end; i++) {
            sb.append(lines[i]).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= options.logBytesPerContainer()) {
            return sb.toString();
        }
        // Keep the end of the log: that is where a failure is explained.
        int cut = (int) (bytes.length - options.logBytesPerContainer());
        return new String(bytes, cut, bytes.length - cut, StandardCharsets.UTF_8);
    }

    private <T> Optional<T> attempt(String what, java.util.function.Supplier<T> read) {
        try {
            return Optional.ofNullable(read.get());
        } catch (RuntimeException e) {
            problems.add("could not capture " + what + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private Map<String, Object> nodeDocument(List<GenericKubernetesResource> all) {
        Map<String, List<GenericKubernetesResource>> children = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        all.forEach(n -> names.add(Resources.name(n)));
        List<GenericKubernetesResource> roots = new ArrayList<>();
        for (GenericKubernetesResource n : sortedByStart(all)) {
            Optional<OwnerReference> owner = Resources.controller(n).filter(o -> "WorkflowNode".equals(o.getKind()) && names.contains(o.getName()));
            if (owner.isPresent()) {
                children.computeIfAbsent(owner.get().getName(), k -> new ArrayList<>()).add(n);
            } else {
                roots.add(n);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("workflow", handle.name());
        doc.put("tree", roots.stream().map(r -> treeEntry(r, children)).toList());
        doc.put("items", sortedByName(all));
        return doc;
    }

    private Map<String, Object> treeEntry(GenericKubernetesResource n, Map<String, List<GenericKubernetesResource>> children) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", Resources.name(n));
        e.put("template", Resources.templateName(n));
        e.put("type", Resources.type(n));
        Resources.text(Resources.spec(n), "startTime").ifPresent(t -> e.put("startTime", t));
        Resources.text(Resources.spec(n), "deadline").ifPresent(t -> e.put("deadline", t));
        Resources.list(Resources.status(n).get("conditions")).stream().map(Resources::map)
                .filter(c -> "True".equals(String.valueOf(c.get("status"))))
                .filter(c -> List.of("Accomplished", "DeadlineExceed", "Aborted").contains(String.valueOf(c.get("type"))))
                .findFirst()
                .ifPresent(c -> Resources.text(c, "startTime").ifPresent(t -> e.put("endTime", t)));
        List<Map<String, Object>> conditions = Resources.list(Resources.status(n).get("conditions")).stream().map(Resources::map)
                .map(c -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("type", c.get("type"));
                    m.put("status", c.get("status"));
                    Resources.text(c, "reason").ifPresent(r -> m.put("reason", r));
                    return m;
                }).toList();
        e.put("conditions", conditions);
        List<GenericKubernetesResource> kids = children.getOrDefault(Resources.name(n), List.of());
        if (!kids.isEmpty()) {
            e.put("children", kids.stream().map(k -> treeEntry(k, children)).toList());
        }
        return e;
    }

    private Map<String, Object> podDocument(List<Pod> pods, Map<String, String> logNotes) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Pod pod : pods) {
            Map<String, Object> p = new LinkedHashMap<>();
            String name = pod.getMetadata().getName();
            p.put("name", name);
            Optional.ofNullable(pod.getMetadata().getLabels()).map(l -> l.get(Resources.LABEL_CONTROLLED_BY)).ifPresent(n -> p.put("node", n));
            p.put("phase", pod.getStatus() == null ? "Unknown" : String.valueOf(pod.getStatus().getPhase()));
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
            items.add(p);
        }
        return Map.of("pods", items);
    }

    private Map<String, Object> eventDocument(List<Event> events, Set<String> involved) {
        List<Map<String, Object>> items = events.stream()
                .filter(e -> e.getInvolvedObject() != null && involved.contains(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing((Event e) -> String.valueOf(Optional.ofNullable(e.getLastTimestamp()).orElse(e.getFirstTimestamp())))
                        .thenComparing(e -> e.getMetadata().getName()))
                .map(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("time", Optional.ofNullable(e.getLastTimestamp()).orElse(String.valueOf(e.getFirstTimestamp())));
                    m.put("type", e.getType());
                    m.put("reason", e.getReason());
                    m.put("object", e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName());
                    m.put("message", e.getMessage());
                    m.put("count", e.getCount() == null ? 1 : e.getCount());
                    return m;
                }).toList();
        return Map.of("events", items);
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? List.of() : pod.getStatus().getContainerStatuses();
    }

    private static List<GenericKubernetesResource> sortedByStart(List<GenericKubernetesResource> all) {
        return all.stream().sorted(Comparator.comparing((GenericKubernetesResource n) -> Resources.text(Resources.spec(n), "startTime").orElse(""))
                .thenComparing(n -> String.valueOf(n.getMetadata().getCreationTimestamp()))
                .thenComparing(Resources::name)).toList();
    }

    private static List<GenericKubernetesResource> sortedByName(List<GenericKubernetesResource> all) {
        return all.stream().sorted(Comparator.comparing(Resources::name)).toList();
    }

    private String yaml(Object o) {
        return client.getKubernetesSerialization().asYaml(o);
    }
}
