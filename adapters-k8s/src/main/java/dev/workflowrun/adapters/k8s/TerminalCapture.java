package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Captures a terminal Workflow before anything is deleted: one list call per kind (never a GET
 * per object), and none for the WorkflowNodes and pods when the wait has just listed them for its verdict. The raw objects are kept as {@code kubectl get -o yaml} prints them
 * ({@code workflow.yaml}; {@code workflownodes.yaml}, {@code pods.yaml} and {@code events.yaml}, each
 * a {@code kind: List}), so {@code workflow-run judge} and people with kubectl read the same files;
 * a readable node tree ({@value #TREE_FILE}) and bounded log tails go beside them. Nothing is
 * changed. What cannot be captured is reported as a problem, and the rest is still kept.
 */
final class TerminalCapture {

    /** The readable node tree (the raw objects are in workflow.yaml, workflownodes.yaml and pods.yaml). */
    static final String TREE_FILE = "workflow-tree.yaml";

    /** The per-run ConfigMap, under the name the wrappers gave it. */
    static final String RUN_VARIABLES_FILE = "workflow-vars.yaml";

    private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization SERIALIZATION =
            new io.fabric8.kubernetes.client.utils.KubernetesSerialization();

    private final KubernetesClient client;
    private final KubernetesCalls calls;
    private final WorkflowHandle handle;
    private final Target target;
    private final RunObjects run;
    private final RunMemory memory;
    private final CaptureOptions options;
    private final List<String> problems = new ArrayList<>();
    private final List<BundleFile> files = new ArrayList<>();
    private Optional<GenericKubernetesResource> workflow = Optional.empty();

    TerminalCapture(RunObjects run, RunMemory memory, CaptureOptions options) {
        this.client = run.client();
        this.calls = run.calls();
        this.handle = run.handle();
        this.target = run.target();
        this.run = run;
        this.memory = memory;
        this.options = options;
    }

    TerminalSnapshot capture() {
        Set<String> involved = new HashSet<>();
        involved.add(handle.name());

        try {
            // The Workflow as the wait's watch last saw it, when it says the run is over; otherwise (a run still going) one GET.
            Optional<GenericKubernetesResource> wf = memory.live().filter(LiveWorkflow::healthy)
                    .flatMap(live -> live.latestOnce(w -> target.policy().isTerminal(w, List.of()), Duration.ZERO))
                    .or(run::readWorkflow);
            if (wf.isEmpty()) {
                problems.add("the Workflow " + handle + " does not exist; nothing of it to capture");
            } else {
                workflow = wf;
                files.add(BundleFile.yaml(OfflineJudge.WORKFLOW_FILE, yaml(asKubectlPrints(wf.get()))));
            }
        } catch (RuntimeException e) {
            problems.add("could not capture the Workflow: " + e.getMessage());
        }

        // The listing the verdict was read from, moments ago, when the wait ended with one: the bundle then holds
        // exactly the evidence of the verdict (judge reads the same), and it is not asked for twice.
        Optional<RunMemory.Listing> verdictRead = memory.verdictListing();
        Optional<List<GenericKubernetesResource>> nodesRead = Optional.of(List.of());
        if (target.policy().readsNodes()) {
            nodesRead = verdictRead.map(RunMemory.Listing::nodes).or(() -> attempt("the WorkflowNodes", run::listNodes));
        }
        List<GenericKubernetesResource> nodeList = nodesRead.orElse(List.of());
        if (target.policy().readsNodes()) {
            nodeList.forEach(n -> involved.add(Resources.name(n)));
            files.add(BundleFile.yaml(OfflineJudge.NODES_FILE, yaml(kubectlList(sortedByName(nodeList)))));
        }

        Optional<List<Pod>> podsRead = verdictRead.map(RunMemory.Listing::pods).or(() -> attempt("the Task pods", run::listPods));
        if (nodesRead.isPresent() && podsRead.isPresent()) {
            memory.listed(new RunMemory.Listing(nodesRead.get(), podsRead.get()));
        }
        List<Pod> pods = podsRead.orElse(List.of());
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
        files.add(BundleFile.yaml(OfflineJudge.PODS_FILE, yaml(kubectlList(pods))));

        List<Event> events = attempt("the namespace events", () -> calls.call("LIST", "events", "listing the events of " + handle.namespace(),
                () -> client.v1().events().inNamespace(handle.namespace()).list().getItems())).orElse(List.of());
        List<Event> ours = events.stream().filter(e -> e.getInvolvedObject() != null && involved.contains(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing((Event e) -> String.valueOf(Optional.ofNullable(e.getLastTimestamp()).orElse(e.getFirstTimestamp())))
                        .thenComparing(e -> e.getMetadata().getName()))
                .toList();
        files.add(BundleFile.yaml(OfflineJudge.EVENTS_FILE, yaml(kubectlList(ours))));
        captureRunVariables();
        files.add(BundleFile.yaml(TREE_FILE, yaml(treeDocument(nodeList, pods, logNotes, ours))));
        return new TerminalSnapshot(files, nodeList.size(), pods.size(), problems);
    }

    /**
     * The per-run ConfigMap {@code workflow-vars-<workflow name>} the Tasks read with {@code envFrom}, as the
     * wrappers captured it. Scenarios without one are common: its absence is said in the tree, not a problem.
     */
    private void captureRunVariables() {
        String name = "workflow-vars-" + handle.name();
        try {
            ConfigMap map = calls.call("GET", "configmaps", "reading ConfigMap " + handle.namespace() + "/" + name,
                    () -> client.configMaps().inNamespace(handle.namespace()).withName(name).get());
            if (map != null) {
                files.add(BundleFile.yaml(RUN_VARIABLES_FILE, yaml(asKubectlPrints(map))));
            }
        } catch (KubernetesClientException e) {
            problems.add("could not capture the ConfigMap " + name + ": " + KubernetesCalls.describe(e)
                    + (e.getCode() == 403 ? "; grant get on configmaps (deploy/rbac.yaml)" : ""));
        } catch (RuntimeException e) {
            problems.add("could not capture the ConfigMap " + name + ": " + e.getMessage());
        }
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

    /**
     * One GET of {@code pods/<pod>/log}. Not fabric8's {@code getLog()}: that first waits for the pod to be
     * ready or terminated, one more request per log, for pods this capture has just listed as they are.
     */
    private String fetchLog(String pod, String container, int lines, int limit) {
        String url = io.fabric8.kubernetes.client.utils.URLUtils.join(client.getMasterUrl().toString(), "api/v1/namespaces",
                handle.namespace(), "pods", pod, "log")
                + "?container=" + java.net.URLEncoder.encode(container, StandardCharsets.UTF_8) + "&tailLines=" + lines + "&limitBytes=" + limit;
        String log = calls.call("GET", "pods/log", "reading the log of " + pod + "/" + container, () -> client.raw(url, "GET", null));
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

    /** The readable node tree: each node with its conditions, times from fields a real API server keeps, and its pods. */
    private Map<String, Object> treeDocument(List<GenericKubernetesResource> all, List<Pod> pods, Map<String, String> logNotes, List<Event> events) {
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
        doc.put("workflow", handle.name());
        workflow.ifPresent(wf -> {
            Resources.text(Resources.status(wf), "startTime").ifPresent(t -> doc.put("startTime", t));
            Resources.text(Resources.status(wf), "endTime").ifPresent(t -> doc.put("endTime", t));
        });
        doc.put("nodes", roots.stream().map(r -> treeEntry(r, children, podsByNode, logNotes)).toList());
        if (!unowned.isEmpty()) {
            doc.put("otherPods", unowned.stream().map(p -> podSummary(p, logNotes)).toList());
        }
        doc.put("events", events.stream().map(TerminalCapture::eventSummary).toList());
        return doc;
    }

    private Map<String, Object> treeEntry(GenericKubernetesResource n, Map<String, List<GenericKubernetesResource>> children,
                                          Map<String, List<Pod>> podsByNode, Map<String, String> logNotes) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", Resources.name(n));
        e.put("template", Resources.templateName(n));
        e.put("type", Resources.type(n));
        Resources.text(Resources.spec(n), "startTime").ifPresent(t -> e.put("startTime", t));
        endTime(n, children, podsByNode).ifPresent(t -> e.put("endTime", t));
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
            e.put("children", kids.stream().map(k -> treeEntry(k, children, podsByNode, logNotes)).toList());
        }
        return e;
    }

    /**
     * When a node ended, from fields a real API server keeps (conditions carry no time): a Task when
     * its pod's containers finished; a node ended by its own deadline at that deadline; a Serial or
     * Parallel when its last child ended; the entry when the Workflow's {@code endTime} says.
     */
    private Optional<String> endTime(GenericKubernetesResource n, Map<String, List<GenericKubernetesResource>> children, Map<String, List<Pod>> podsByNode) {
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
                .map(k -> endTime(k, children, podsByNode)).flatMap(Optional::stream).max(Comparator.naturalOrder());
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

    /** A {@code kind: List} of the objects as {@code kubectl get -o yaml} prints them, so {@code judge} and kubectl users read the same. */
    private static Map<String, Object> kubectlList(List<? extends HasMetadata> items) {
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("apiVersion", "v1");
        list.put("kind", "List");
        list.put("items", items.stream().map(TerminalCapture::asKubectlPrints).toList());
        list.put("metadata", Map.of("resourceVersion", ""));
        return list;
    }

    /** kubectl leaves out {@code managedFields} unless asked; so does the bundle (they are large and say nothing about the run). */
    private static HasMetadata asKubectlPrints(HasMetadata object) {
        if (object.getMetadata() != null && object.getMetadata().getManagedFields() != null && !object.getMetadata().getManagedFields().isEmpty()) {
            HasMetadata copy = SERIALIZATION.clone(object);
            copy.getMetadata().setManagedFields(null);
            return copy;
        }
        return object;
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
