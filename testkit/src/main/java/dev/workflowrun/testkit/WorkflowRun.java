package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import dev.workflowrun.domain.variables.GoDuration;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One Workflow being driven by {@link SimulatedChaosMesh}. Every method runs on the simulator's
 * single loop thread, so the state here needs no locking.
 */
final class WorkflowRun {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final SimulatedChaosMesh sim;
    private final String namespace;
    private final String name;
    private final String uid;
    private final String entry;
    private final Map<String, Map<String, Object>> templates = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<SimulationClock.Step> pending = new ArrayList<>();
    private final Instant startTime;
    private Node entryNode;
    private boolean stopped;
    private boolean terminal;

    /** A WorkflowNode as the controller knows it; written out wholesale on every change. */
    private final class Node {
        final String name;
        final String template;
        final String type;
        final Optional<Node> parent;
        final Map<String, Object> spec;
        final Map<String, Map<String, Object>> conditions = new LinkedHashMap<>();
        final List<Node> active = new ArrayList<>();
        final List<Node> finished = new ArrayList<>();
        int nextChild;
        String uid = "";
        Optional<String> pod = Optional.empty();

        Node(String name, String template, String type, Optional<Node> parent, Map<String, Object> spec) {
            this.name = name;
            this.template = template;
            this.type = type;
            this.parent = parent;
            this.spec = spec;
        }

        boolean isFinished() {
            return conditions.values().stream().anyMatch(c -> "True".equals(c.get("status"))
                    && List.of("Accomplished", "DeadlineExceed", "Aborted").contains(c.get("type")));
        }
    }

    @SuppressWarnings("unchecked")
    WorkflowRun(SimulatedChaosMesh sim, GenericKubernetesResource wf) {
        this.sim = sim;
        this.namespace = wf.getMetadata().getNamespace();
        this.name = wf.getMetadata().getName();
        this.uid = wf.getMetadata().getUid();
        this.startTime = sim.clock().now();
        Map<String, Object> spec = (Map<String, Object>) wf.getAdditionalProperties().getOrDefault("spec", Map.of());
        this.entry = String.valueOf(spec.get("entry"));
        for (Object t : (List<Object>) spec.getOrDefault("templates", List.of())) {
            Map<String, Object> template = (Map<String, Object>) t;
            templates.put(String.valueOf(template.get("name")), template);
        }
    }

    String uid() {
        return uid;
    }

    void begin() {
        if (!templates.containsKey(entry)) {
            writeWorkflowStatus(false);
            return;
        }
        start(entry, Optional.empty());
    }

    /** The abort annotation: every unfinished node is Aborted, nothing more runs. */
    void abort() {
        if (stopped || terminal || entryNode == null) {
            return;
        }
        cancelPending();
        long at = System.nanoTime();
        // Children first, the entry node last: whoever sees the entry node Aborted sees the rest too.
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (!n.isFinished()) {
                condition(n, "Aborted", "True", "WorkflowAborted");
                at = writeNodeStatus(n);
            }
        }
        terminal = true;
        sim.terminated(namespace, name, "Aborted", at);
    }

    /** The Workflow was deleted or replaced: stop without writing anything. */
    void stop() {
        stopped = true;
        cancelPending();
    }

    private Node start(String templateName, Optional<Node> parent) {
        Map<String, Object> template = templates.get(templateName);
        String type = String.valueOf(template.get("templateType"));
        String nodeName = templateName + "-" + suffix();
        Instant started = now();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("templateName", templateName);
        spec.put("workflowName", name);
        spec.put("type", type);
        spec.put("startTime", started.toString());
        Optional<Duration> deadline = Optional.ofNullable(template.get("deadline")).map(d -> GoDuration.parse(String.valueOf(d)));
        deadline.ifPresent(d -> spec.put("deadline", started.plus(d).truncatedTo(ChronoUnit.SECONDS).toString()));
        if (template.containsKey("task")) {
            spec.put("task", template.get("task"));
        }
        if (template.containsKey("children")) {
            spec.put("children", template.get("children"));
        }
        Node node = new Node(nodeName, templateName, type, parent, spec);
        nodes.add(node);
        parent.ifPresent(p -> p.active.add(node));

        GenericKubernetesResource object = new GenericKubernetesResourceBuilder()
                .withApiVersion(ChaosMeshKinds.API_VERSION)
                .withKind("WorkflowNode")
                .withNewMetadata()
                .withName(nodeName)
                .withNamespace(namespace)
                .addToLabels(ChaosMeshKinds.LABEL_WORKFLOW, name)
                .addToLabels(ChaosMeshKinds.LABEL_CONTROLLED_BY, parent.map(p -> p.name).orElse(name))
                .withOwnerReferences(parent.map(p -> owner("WorkflowNode", p.name, p.uid)).orElseGet(() -> owner("Workflow", name, uid)))
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
        node.uid = sim.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(namespace)
                .resource(object).create().getMetadata().getUid();
        parent.ifPresent(this::writeNodeStatus);
        writeNodeStatus(node);
        if (parent.isEmpty()) {
            entryNode = node;
            writeWorkflowStatus(false);
        }

        deadline.ifPresent(d -> later(d, () -> deadlineExceeded(node)));
        switch (type) {
            case "Serial" -> startNextChild(node);
            case "Parallel" -> {
                List<String> children = children(node);
                if (children.isEmpty()) {
                    accomplish(node, "");
                }
                children.forEach(c -> start(c, Optional.of(node)));
            }
            case "Task" -> startTask(node, template);
            case "Suspend" -> {
                // A Suspend node only waits for its deadline.
            }
            default -> later(Duration.ZERO, () -> {
                condition(node, "ChaosInjected", "True", "ChaosInjected");
                accomplish(node, "");
            });
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private List<String> children(Node node) {
        Object c = templates.get(node.template).get("children");
        return c instanceof List<?> l ? ((List<Object>) l).stream().map(String::valueOf).toList() : List.of();
    }

    private void startNextChild(Node serial) {
        List<String> children = children(serial);
        if (serial.nextChild >= children.size()) {
            accomplish(serial, "");
            return;
        }
        String next = children.get(serial.nextChild++);
        start(next, Optional.of(serial));
    }

    @SuppressWarnings("unchecked")
    private void startTask(Node node, Map<String, Object> template) {
        TaskScript script = sim.scriptFor(node.template);
        Map<String, Object> container = (Map<String, Object>) ((Map<String, Object>) template.getOrDefault("task", Map.of()))
                .getOrDefault("container", Map.of());
        String containerName = String.valueOf(container.getOrDefault("name", node.template));
        String image = String.valueOf(container.getOrDefault("image", "busybox"));
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withGenerateName(node.name + "-")
                .withNamespace(namespace)
                .addToLabels(ChaosMeshKinds.LABEL_WORKFLOW, name)
                .addToLabels(ChaosMeshKinds.LABEL_CONTROLLED_BY, node.name)
                .withOwnerReferences(owner("WorkflowNode", node.name, node.uid))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withContainers(new ContainerBuilder().withName(containerName).withImage(image).build())
                .endSpec()
                .build();
        Pod created = sim.client().pods().inNamespace(namespace).resource(pod).create();
        String podName = created.getMetadata().getName();
        node.pod = Optional.of(podName);
        event(created, "Normal", "Scheduled", "Successfully assigned " + namespace + "/" + podName + " to simulated-node");
        if (!script.startsAtAll()) {
            String reason = script.waitingReason().orElseThrow();
            writePod(podName, "Pending", containerName, image, waiting(reason));
            sim.logs().waiting(namespace, podName, containerName, reason);
            event(created, "Warning", "Failed", "Error: " + reason);
            return;
        }
        Instant started = now();
        writePod(podName, "Running", containerName, image, Map.of("running", Map.of("startedAt", started.toString())));
        sim.logs().append(namespace, podName, containerName, script.logLines());
        event(created, "Normal", "Started", "Started container " + containerName);
        later(script.duration(), () -> {
            int code = script.exitCode();
            writePod(podName, code == 0 ? "Succeeded" : "Failed", containerName, image, Map.of("terminated", Map.of(
                    "exitCode", code,
                    "reason", code == 0 ? "Completed" : "Error",
                    "startedAt", started.toString(),
                    "finishedAt", now().toString())));
            // Whatever the exit code: the node is Accomplished once its pod terminated (no fail-fast).
            accomplish(node, "TaskPodPodCompleted");
        });
    }

    private static Map<String, Object> waiting(String reason) {
        String message = switch (reason) {
            case "CreateContainerConfigError" -> "configmap not found";
            case "ImagePullBackOff", "ErrImagePull" -> "Back-off pulling image";
            default -> reason;
        };
        return Map.of("waiting", Map.of("reason", reason, "message", message));
    }

    private void writePod(String podName, String phase, String container, String image, Map<String, Object> state) {
        boolean terminated = state.containsKey("terminated");
        Map<String, Object> containerStatus = new LinkedHashMap<>();
        containerStatus.put("name", container);
        containerStatus.put("image", image);
        containerStatus.put("imageID", "");
        containerStatus.put("ready", state.containsKey("running"));
        containerStatus.put("restartCount", 0);
        containerStatus.put("started", state.containsKey("running"));
        containerStatus.put("state", state);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", phase);
        status.put("startTime", startTime.toString());
        status.put("containerStatuses", List.of(containerStatus));
        retryOnConflict(() -> {
            Pod current = sim.client().pods().inNamespace(namespace).withName(podName).get();
            if (current == null) {
                return null;
            }
            Pod updated = new PodBuilder(current).withStatus(sim.client().getKubernetesSerialization()
                    .convertValue(status, io.fabric8.kubernetes.api.model.PodStatus.class)).build();
            sim.client().pods().inNamespace(namespace).resource(updated).updateStatus();
            return null;
        });
        if (terminated) {
            Pod current = sim.client().pods().inNamespace(namespace).withName(podName).get();
            if (current != null) {
                event(current, "Normal", "Completed", "Container " + container + " terminated");
            }
        }
    }

    private void accomplish(Node node, String reason) {
        if (node.isFinished() || stopped) {
            return;
        }
        condition(node, "Accomplished", "True", reason.isEmpty() ? "NodeAccomplished" : reason);
        long at = writeNodeStatus(node);
        finished(node, at, "Accomplished");
    }

    private void deadlineExceeded(Node node) {
        if (node.isFinished() || stopped) {
            return;
        }
        long at = exceed(node, "NodeDeadlineExceed");
        finished(node, at, "DeadlineExceed");
    }

    /** Marks the node and its unfinished descendants (those first); returns when the node's own write was sent. */
    private long exceed(Node node, String reason) {
        for (Node child : List.copyOf(node.active)) {
            if (!child.isFinished()) {
                exceed(child, "ParentNodeDeadlineExceed");
            }
        }
        condition(node, "DeadlineExceed", "True", reason);
        return writeNodeStatus(node);
    }

    /** Bookkeeping after a node finished: its parent moves on, or the Workflow is done. */
    private void finished(Node node, long writtenAt, String how) {
        if (node.parent.isEmpty()) {
            terminal = true;
            if (how.equals("Accomplished")) {
                // The Workflow's Accomplished condition is what marks it terminal.
                sim.terminated(namespace, name, how, writeWorkflowStatus(true));
            } else {
                // Like the real controller, the Workflow itself says nothing: its entry node does.
                sim.terminated(namespace, name, how, writtenAt);
            }
            cancelPending();
            return;
        }
        Node parent = node.parent.get();
        parent.active.remove(node);
        parent.finished.add(node);
        writeNodeStatus(parent);
        if (parent.isFinished()) {
            return;
        }
        if (parent.type.equals("Serial")) {
            startNextChild(parent);
        } else if (parent.type.equals("Parallel") && parent.active.isEmpty()) {
            accomplish(parent, "");
        }
    }

    private void condition(Node node, String type, String status, String reason) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", status);
        c.put("reason", reason);
        c.put("startTime", now().toString());
        node.conditions.put(type, c);
    }

    private long writeNodeStatus(Node node) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("activeChildren", node.active.stream().map(WorkflowRun::ref).toList());
        status.put("finishedChildren", node.finished.stream().map(WorkflowRun::ref).toList());
        status.put("conditions", List.copyOf(node.conditions.values()));
        return replaceStatus(ChaosMeshKinds.WORKFLOW_NODE, node.name, status);
    }

    private static Map<String, Object> ref(Node n) {
        return Map.of("apiVersion", ChaosMeshKinds.API_VERSION, "kind", "WorkflowNode", "name", n.name);
    }

    private long writeWorkflowStatus(boolean accomplished) {
        Map<String, Object> status = new LinkedHashMap<>();
        if (entryNode != null) {
            status.put("entryNode", entryNode.name);
        }
        status.put("startTime", startTime.toString());
        if (accomplished) {
            status.put("endTime", now().toString());
        }
        status.put("conditions", List.of(
                Map.of("type", "Accomplished", "status", accomplished ? "True" : "False",
                        "reason", accomplished ? "WorkflowAccomplished" : ""),
                Map.of("type", "Scheduled", "status", entryNode != null ? "True" : "False",
                        "reason", entryNode != null ? "EntryCreated" : "NoEntry")));
        return replaceStatus(ChaosMeshKinds.WORKFLOW, name, status);
    }

    /**
     * Replaces the whole status (the mock appends arrays on merge patches, so never patch).
     * Returns {@link System#nanoTime()} just before the write was sent.
     */
    private long replaceStatus(ResourceDefinitionContext kind, String objectName, Map<String, Object> status) {
        long[] sentAt = {System.nanoTime()};
        if (stopped) {
            return sentAt[0];
        }
        retryOnConflict(() -> {
            var resources = sim.client().genericKubernetesResources(kind).inNamespace(namespace);
            GenericKubernetesResource current = resources.withName(objectName).get();
            if (current == null) {
                return null;
            }
            current.setAdditionalProperty("status", status);
            sentAt[0] = System.nanoTime();
            resources.resource(current).updateStatus();
            return null;
        });
        return sentAt[0];
    }

    private void event(Pod pod, String type, String reason, String message) {
        Instant t = now();
        sim.client().v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata().withName(pod.getMetadata().getName() + "." + Long.toHexString(System.nanoTime())).withNamespace(namespace).endMetadata()
                .withNewInvolvedObject().withApiVersion("v1").withKind("Pod").withName(pod.getMetadata().getName())
                .withNamespace(namespace).withUid(pod.getMetadata().getUid()).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(t.toString()).withLastTimestamp(t.toString()).withCount(1)
                .withNewSource().withComponent("kubelet").endSource()
                .build()).create();
    }

    private static void retryOnConflict(Supplier<Void> write) {
        for (int attempt = 0; ; attempt++) {
            try {
                write.get();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    private void later(Duration simulated, Runnable step) {
        pending.add(sim.clock().schedule(simulated, () -> {
            if (!stopped) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    // A write can fail while a test tears the cluster down; the run just stops.
                    stopped = true;
                }
            }
        }));
    }

    private void cancelPending() {
        pending.forEach(SimulationClock.Step::cancel);
        pending.clear();
    }

    private OwnerReference owner(String kind, String ownerName, String ownerUid) {
        return new OwnerReferenceBuilder()
                .withApiVersion(ChaosMeshKinds.API_VERSION)
                .withKind(kind)
                .withName(ownerName)
                .withUid(ownerUid)
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static String suffix() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private Instant now() {
        return sim.clock().now();
    }
}
