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
                for (ContainerStatus cs : NodeTree.containerStatuses(pod)) {
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
        files.add(BundleFile.yaml(TREE_FILE, yaml(NodeTree.document(handle.name(), workflow, nodeList, pods, logNotes, ours))));
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
                    + (e.getCode() == 403 ? "; grant get on configmaps (deploy/base/rbac.yaml)" : ""));
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

    private static List<GenericKubernetesResource> sortedByName(List<GenericKubernetesResource> all) {
        return all.stream().sorted(Comparator.comparing(Resources::name)).toList();
    }

    private String yaml(Object o) {
        return client.getKubernetesSerialization().asYaml(o);
    }
}
