package dev.workflowrun.adapters.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Objects exactly as the real Chaos Mesh controller and kubelet leave them, for the conformance
 * table: WorkflowNodes with {@code spec.startTime}/{@code spec.deadline} (absolute, whole
 * seconds), the {@code chaos-mesh.org/workflow} and {@code chaos-mesh.org/controlled-by} labels,
 * controller ownerReferences and the {@code foregroundDeletion} finalizer
 * ({@code controllers/new_node.go}); conditions of {@code {type, status, reason}} only, reasons as
 * the reconcilers write them; {@code activeChildren}/{@code finishedChildren} as {@code {name}};
 * Task pods named {@code <node>-<suffix>}. Nothing here is kinder than the controller: a test
 * says each condition a story leaves, as the controller's code would write it.
 */
final class ControllerStatuses {

    static final Instant T0 = Instant.parse("2026-11-30T02:00:05Z");
    static final String NAMESPACE = "nightly";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String workflowName;
    private final String apiVersion;
    private final Map<String, Object> annotations = new LinkedHashMap<>();
    private final List<Map<String, Object>> templates = new ArrayList<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Map<String, Object>> pods = new ArrayList<>();
    private final List<Map<String, Object>> events = new ArrayList<>();
    private String entry = "";
    private Optional<Integer> endMinute = Optional.empty();
    private boolean accomplished;
    private Map<String, Object> argoStatus;

    private ControllerStatuses(String workflowName, String apiVersion) {
        this.workflowName = workflowName;
        this.apiVersion = apiVersion;
    }

    static ControllerStatuses chaosMesh(String workflowName) {
        return new ControllerStatuses(workflowName, "chaos-mesh.org/v1alpha1");
    }

    static ControllerStatuses argo(String workflowName, Map<String, Object> status) {
        ControllerStatuses s = new ControllerStatuses(workflowName, "argoproj.io/v1alpha1");
        s.argoStatus = status;
        return s;
    }

    /** A template of the Workflow's spec; the first one added is the entry. */
    ControllerStatuses template(String name, String type, String deadline, String... children) {
        if (entry.isEmpty()) {
            entry = name;
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("templateType", type);
        if (deadline != null) {
            t.put("deadline", deadline);
        }
        if (children.length > 0) {
            t.put("children", List.of(children));
        }
        if (type.equals("Task")) {
            t.put("task", Map.of("container", Map.of("name", name, "image", "registry.example/task:4f1c2a9",
                    "command", List.of("/bin/sh", "-c", "run-" + name))));
        }
        templates.add(t);
        return this;
    }

    ControllerStatuses annotate(String key, String value) {
        annotations.put(key, value);
        return this;
    }

    /**
     * The Workflow's status as {@code workflow_entry_reconciler.go} writes it: {@code Accomplished=True}
     * and {@code endTime} once the entry is finished by any means, {@code False} and no endTime otherwise.
     */
    ControllerStatuses workflowOver(boolean over, int atMinute) {
        this.accomplished = over;
        this.endMinute = over ? Optional.of(atMinute) : Optional.empty();
        return this;
    }

    /** The node of {@code template}, created at {@code startMinute} (its deadline is start + the template's). */
    Node node(String template, int startMinute) {
        Node n = new Node(template, template + "-" + suffix(template), startMinute);
        nodes.put(template, n);
        return n;
    }

    Node node(String template) {
        return nodes.get(template);
    }

    ControllerStatuses event(String template, String type, String reason, String message) {
        Node n = nodes.get(template);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("apiVersion", "v1");
        e.put("kind", "Event");
        e.put("metadata", Map.of("name", n.name + "." + Integer.toHexString((reason + events.size()).hashCode()), "namespace", NAMESPACE));
        e.put("involvedObject", Map.of("apiVersion", "chaos-mesh.org/v1alpha1", "kind", "WorkflowNode", "name", n.name, "namespace", NAMESPACE));
        e.put("type", type);
        e.put("reason", reason);
        e.put("message", message);
        e.put("firstTimestamp", at(n.start).toString());
        e.put("lastTimestamp", at(n.start).toString());
        e.put("count", 1);
        events.add(e);
        return this;
    }

    final class Node {
        final String template;
        final String name;
        final int start;
        private final List<Map<String, Object>> conditions = new ArrayList<>();

        private Node(String template, String name, int start) {
            this.template = template;
            this.name = name;
            this.start = start;
            // deadline_reconciler.go: a node with a deadline gets DeadlineExceed=False/NodeDeadlineNotExceed first.
            if (templateDeadline().isPresent()) {
                condition("DeadlineExceed", "False", "NodeDeadlineNotExceed");
            }
        }

        Node condition(String type, String status, String reason) {
            conditions.removeIf(c -> c.get("type").equals(type));
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("type", type);
            c.put("status", status);
            c.put("reason", reason);
            conditions.add(c);
            return this;
        }

        /** Accomplished=True, reason "" (serial/parallel/task reconcilers), or StatusCheckCompleted. */
        Node accomplished() {
            return condition("Accomplished", "True", template("templateType").equals("StatusCheck") ? "StatusCheckCompleted" : "");
        }

        Node running() {
            return condition("Accomplished", "False", "");
        }

        /** DeadlineExceed=True with {@code reason}: NodeDeadlineExceed, NodeDeadlineOmitted or ParentNodeDeadlineExceed. */
        Node deadline(String reason) {
            return condition("DeadlineExceed", "True", reason);
        }

        Node aborted(String reason) {
            return condition("Aborted", "True", reason);
        }

        Node pod(String suffix, PodState state) {
            pods.add(state.pod(this, name + "-" + suffix));
            return this;
        }

        ControllerStatuses done() {
            return ControllerStatuses.this;
        }

        private Optional<Duration> templateDeadline() {
            return Optional.ofNullable(templateMap().get("deadline")).map(d -> Duration.parse("PT" + String.valueOf(d).toUpperCase()));
        }

        private String template(String key) {
            return String.valueOf(templateMap().getOrDefault(key, ""));
        }

        private Map<String, Object> templateMap() {
            return templates.stream().filter(t -> t.get("name").equals(template)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no template " + template));
        }

        private Optional<String> parentTemplate() {
            return templates.stream().filter(t -> ((List<?>) t.getOrDefault("children", List.of())).contains(template))
                    .map(t -> String.valueOf(t.get("name"))).findFirst();
        }

        boolean finished() {
            return conditions.stream().anyMatch(c -> "True".equals(c.get("status"))
                    && List.of("Accomplished", "DeadlineExceed", "Aborted").contains(c.get("type")));
        }

        Map<String, Object> object() {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", name);
            metadata.put("namespace", NAMESPACE);
            metadata.put("creationTimestamp", at(start).toString());
            metadata.put("finalizers", List.of("foregroundDeletion"));
            Optional<Node> parent = parentTemplate().map(nodes::get);
            metadata.put("labels", Map.of("chaos-mesh.org/workflow", workflowName,
                    "chaos-mesh.org/controlled-by", parent.map(p -> p.name).orElse(workflowName)));
            metadata.put("ownerReferences", List.of(parent
                    .map(p -> owner("chaos-mesh.org/v1alpha1", "WorkflowNode", p.name))
                    .orElse(owner("chaos-mesh.org/v1alpha1", "Workflow", workflowName))));
            metadata.put("resourceVersion", String.valueOf(1000 + start));
            metadata.put("uid", "uid-" + name);
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("templateName", template);
            spec.put("workflowName", workflowName);
            spec.put("type", template("templateType"));
            spec.put("startTime", at(start).toString());
            templateDeadline().ifPresent(d -> spec.put("deadline", at(start).plus(d).toString()));
            if (templateMap().containsKey("children")) {
                spec.put("children", templateMap().get("children"));
            }
            if (templateMap().containsKey("task")) {
                spec.put("task", templateMap().get("task"));
            }
            Map<String, Object> status = new LinkedHashMap<>();
            List<Node> kids = nodes.values().stream().filter(k -> k.parentTemplate().filter(template::equals).isPresent()).toList();
            if (!kids.isEmpty()) {
                status.put("activeChildren", kids.stream().filter(k -> !k.finished()).map(k -> Map.of("name", k.name)).toList());
                status.put("finishedChildren", kids.stream().filter(Node::finished).map(k -> Map.of("name", k.name)).toList());
            }
            if (template("templateType").equals("Task")) {
                status.put("conditionalBranchesStatus", Map.of());
            }
            status.put("conditions", List.copyOf(conditions));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("apiVersion", "chaos-mesh.org/v1alpha1");
            o.put("kind", "WorkflowNode");
            o.put("metadata", metadata);
            o.put("spec", spec);
            o.put("status", status);
            return o;
        }
    }

    /** What the kubelet wrote for a Task pod. */
    interface PodState {
        Map<String, Object> status(Node node);

        default Map<String, Object> pod(Node node, String name) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", name);
            metadata.put("generateName", node.name + "-");
            metadata.put("namespace", NAMESPACE);
            metadata.put("creationTimestamp", at(node.start).toString());
            metadata.put("finalizers", List.of("foregroundDeletion"));
            metadata.put("labels", Map.of("chaos-mesh.org/workflow", node.done().workflowName, "chaos-mesh.org/controlled-by", node.name));
            metadata.put("ownerReferences", List.of(owner("chaos-mesh.org/v1alpha1", "WorkflowNode", node.name)));
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("apiVersion", "v1");
            o.put("kind", "Pod");
            o.put("metadata", metadata);
            o.put("spec", Map.of("containers", List.of(Map.of("name", node.template, "image", "registry.example/task:4f1c2a9")),
                    "restartPolicy", "Never", "terminationGracePeriodSeconds", 30));
            o.put("status", status(node));
            return o;
        }

        static PodState exited(int code, String reason, int startMinute, int endMinute) {
            return node -> Map.of("phase", code == 0 ? "Succeeded" : "Failed",
                    "containerStatuses", List.of(container(node, Map.of("terminated", Map.of("exitCode", code, "reason", reason,
                            "startedAt", at(startMinute).toString(), "finishedAt", at(endMinute).toString())), 0)));
        }

        static PodState running(int startMinute) {
            return node -> Map.of("phase", "Running",
                    "containerStatuses", List.of(container(node, Map.of("running", Map.of("startedAt", at(startMinute).toString())), 0)));
        }

        static PodState waiting(String reason, String message) {
            return node -> Map.of("phase", "Pending",
                    "containerStatuses", List.of(container(node, Map.of("waiting", Map.of("reason", reason, "message", message)), 0)));
        }

        static PodState evicted(String message) {
            return node -> Map.of("phase", "Failed", "reason", "Evicted", "message", message,
                    "containerStatuses", List.of(container(node, Map.of("terminated", Map.of("exitCode", 137, "reason", "ContainerStatusUnknown",
                            "message", "The container could not be located when the pod was terminated")), 0)));
        }

        static PodState unschedulable(String message) {
            return node -> Map.of("phase", "Pending", "conditions", List.of(Map.of("type", "PodScheduled", "status", "False",
                    "reason", "Unschedulable", "message", message)));
        }

        private static Map<String, Object> container(Node node, Map<String, Object> state, int restarts) {
            return Map.of("name", node.template, "image", "registry.example/task:4f1c2a9", "ready", false,
                    "restartCount", restarts, "state", state);
        }
    }

    Evidence evidence() {
        return new Evidence(convert(workflowObject(), GenericKubernetesResource.class),
                nodes.values().stream().map(n -> convert(n.object(), GenericKubernetesResource.class)).toList(),
                pods.stream().map(p -> convert(p, Pod.class)).toList(),
                events.isEmpty() ? Optional.empty() : Optional.of(events.stream().map(e -> convert(e, Event.class)).toList()));
    }

    /** The files a user saves with kubectl get ... -o yaml (and a bundle holds): one per kind, each List sorted by name. */
    void writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("workflow.yaml"), SERIALIZATION.asYaml(workflowObject()), StandardCharsets.UTF_8);
        if (apiVersion.startsWith("chaos-mesh.org")) {
            Files.writeString(dir.resolve("workflownodes.yaml"), SERIALIZATION.asYaml(list(nodes.values().stream().map(Node::object).toList())));
            Files.writeString(dir.resolve("pods.yaml"), SERIALIZATION.asYaml(list(pods)));
            if (!events.isEmpty()) {
                Files.writeString(dir.resolve("events.yaml"), SERIALIZATION.asYaml(list(events)));
            }
        }
    }

    private Map<String, Object> workflowObject() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", workflowName);
        metadata.put("namespace", NAMESPACE);
        metadata.put("creationTimestamp", T0.toString());
        if (!annotations.isEmpty()) {
            metadata.put("annotations", annotations);
        }
        metadata.put("labels", Map.of("app.kubernetes.io/managed-by", "workflow-run"));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", apiVersion);
        o.put("kind", "Workflow");
        o.put("metadata", metadata);
        o.put("spec", Map.of("entry", entry, "templates", templates));
        if (argoStatus != null) {
            o.put("status", argoStatus);
            return o;
        }
        Map<String, Object> status = new LinkedHashMap<>();
        Optional.ofNullable(nodes.get(entry)).ifPresent(e -> status.put("entryNode", e.name));
        status.put("startTime", T0.toString());
        endMinute.ifPresent(m -> status.put("endTime", at(m).toString()));
        status.put("conditions", List.of(Map.of("type", "Scheduled", "status", "True", "reason", ""),
                Map.of("type", "Accomplished", "status", accomplished ? "True" : "False", "reason", "")));
        o.put("status", status);
        return o;
    }

    private static Map<String, Object> list(List<Map<String, Object>> items) {
        return Map.of("apiVersion", "v1", "kind", "List", "items", items.stream()
                .sorted(java.util.Comparator.comparing(i -> String.valueOf(((Map<?, ?>) i.get("metadata")).get("name")))).toList(),
                "metadata", Map.of("resourceVersion", ""));
    }

    private static Map<String, Object> owner(String apiVersion, String kind, String name) {
        return Map.of("apiVersion", apiVersion, "kind", kind, "name", name, "uid", "uid-" + name, "controller", true, "blockOwnerDeletion", true);
    }

    static Instant at(int minute) {
        return T0.plus(Duration.ofMinutes(minute));
    }

    private static String suffix(String template) {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder sb = new StringBuilder();
        int h = Math.abs(template.hashCode());
        for (int i = 0; i < 5; i++) {
            sb.append(alphabet.charAt(h % alphabet.length()));
            h /= alphabet.length();
        }
        return sb.toString();
    }

    private static <T> T convert(Map<String, Object> object, Class<T> type) {
        return SERIALIZATION.convertValue(object, type);
    }
}
