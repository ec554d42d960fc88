package dev.workflowrun.testkit;

import dev.workflowrun.domain.variables.GoDuration;
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

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One Workflow driven by {@link SimulatedChaosMesh}, reconciled the way the Chaos Mesh controller's
 * reconcilers do it ({@code pkg/workflow/controllers/}), plus the kubelet's part for its Task pods.
 * Every method runs on the simulator's single loop thread, so the state here needs no locking.
 *
 * <p>Each reconciler runs as its own step, queued when something it watches changed: a node's
 * status write queues that node and its parent (or the Workflow, for the entry node); a pod's phase
 * change queues its node. So propagation is top-down and asynchronous, one write per step, as on a
 * real cluster. Conditions are kept with {@code SetCondition} semantics ({@code controllers/utils.go}:
 * unchanged if type, status and reason are equal, else removed and appended), as
 * {@code {type, status, reason}} only.
 *
 * <p>One race is resolved deterministically: the real controller does not look at
 * {@code deletionTimestamp}, so a Serial, Parallel or Task node being deleted in the foreground can,
 * on a real cluster, get a new child or pod between its last dependent going and the garbage
 * collector removing it (which then deletes that newcomer too). Here a node being deleted spawns
 * nothing: the collector always wins that race. A node that is <em>not</em> being deleted re-creates
 * a deleted Task pod, as the real one does.
 */
final class WorkflowRun {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final Set<String> CONTAINER_TYPES = Set.of("Serial", "Parallel", "Task");
    private static final Set<String> NO_RECONCILER = Set.of("Suspend", "Schedule");

    private final SimulatedChaosMesh sim;
    private final String namespace;
    private final String name;
    private final String uid;
    private final String entry;
    private final Map<String, Map<String, Object>> templates = new LinkedHashMap<>();
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Set<Object> queued = new HashSet<>();
    private final List<SimulationClock.Step> pending = new ArrayList<>();
    private final Instant startTime;
    private boolean abortAnnotation;
    private boolean workflowGone;
    private boolean stopped;
    private Optional<Instant> endTime = Optional.empty();
    private Map<String, Object> lastWorkflowStatus = Map.of();

    /** A WorkflowNode as the controller sees it. */
    private final class Node {
        final String name;
        final String template;
        final String type;
        final Optional<Node> parent;
        final Optional<Instant> deadline;
        final List<Map<String, Object>> conditions = new ArrayList<>();
        final TreeMap<String, TaskPod> pods = new TreeMap<>();          // the API server lists by name
        String uid = "";
        boolean beingDeleted;
        boolean gone;
        boolean deadlineTimer;
        Optional<Boolean> statusCheckSucceeded = Optional.empty();
        Map<String, Object> lastStatus = Map.of();

        Node(String name, String template, String type, Optional<Node> parent, Optional<Instant> deadline) {
            this.name = name;
            this.template = template;
            this.type = type;
            this.parent = parent;
            this.deadline = deadline;
        }

        boolean is(String conditionType, String status) {
            return conditions.stream().anyMatch(c -> conditionType.equals(c.get("type")) && status.equals(c.get("status")));
        }

        /** {@code WorkflowNodeFinished}, controllers/utils.go. */
        boolean finished() {
            return is("Accomplished", "True") || is("DeadlineExceed", "True") || is("Aborted", "True");
        }

        /** {@code SetCondition}, controllers/utils.go. */
        void set(String conditionType, String status, String reason) {
            for (Map<String, Object> c : conditions) {
                if (conditionType.equals(c.get("type")) && status.equals(c.get("status")) && reason.equals(c.get("reason"))) {
                    return;
                }
            }
            conditions.removeIf(c -> conditionType.equals(c.get("type")));
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("type", conditionType);
            c.put("status", status);
            c.put("reason", reason);
            conditions.add(c);
        }

        Optional<String> reason(String conditionType) {
            return conditions.stream().filter(c -> conditionType.equals(c.get("type"))).map(c -> String.valueOf(c.get("reason"))).findFirst();
        }

        /** {@code fetchChildNodes}, controllers/utils.go: children by label, oldest first. */
        List<Node> children() {
            return nodes.values().stream().filter(n -> !n.gone && n.parent.isPresent() && n.parent.get() == this).toList();
        }
    }

    /** A Task pod and what its kubelet is doing. */
    private final class TaskPod {
        final String name;
        final Node node;
        final TaskScript script;
        final String container;
        final String image;
        final boolean ignoresSigterm;
        String phase = "Pending";
        Instant started;
        boolean terminating;
        final List<SimulationClock.Step> steps = new ArrayList<>();

        TaskPod(String name, Node node, TaskScript script, String container, String image, boolean ignoresSigterm) {
            this.name = name;
            this.node = node;
            this.script = script;
            this.container = container;
            this.image = image;
            this.ignoresSigterm = ignoresSigterm;
        }

        boolean completed() {
            return phase.equals("Succeeded") || phase.equals("Failed");
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

    // ---------------------------------------------------------------- events from the informers

    /** The Workflow was added or changed (its abort annotation). */
    void workflowSeen(GenericKubernetesResource wf) {
        Map<String, String> annotations = wf.getMetadata().getAnnotations();
        abortAnnotation = sim.honoursAbort() && annotations != null && "true".equals(annotations.get(ChaosMeshKinds.ANNOTATION_ABORT));
        enqueueWorkflow();
    }

    /** The Workflow is gone: its nodes and pods live on until the garbage collector removes them. */
    void workflowDeleted() {
        workflowGone = true;
    }

    void nodeSeen(GenericKubernetesResource object, boolean deleted) {
        Node node = nodes.get(object.getMetadata().getName());
        if (node == null || !node.uid.equals(object.getMetadata().getUid())) {
            return;
        }
        if (deleted) {
            node.gone = true;
            node.parent.ifPresentOrElse(this::enqueue, this::enqueueWorkflow);
        } else if (object.getMetadata().getDeletionTimestamp() != null && !node.beingDeleted) {
            node.beingDeleted = true;
            enqueue(node);
        }
    }

    void podSeen(Pod pod, boolean deleted) {
        String nodeName = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(ChaosMeshKinds.LABEL_CONTROLLED_BY);
        Node node = nodeName == null ? null : nodes.get(nodeName);
        TaskPod taskPod = node == null ? null : node.pods.get(pod.getMetadata().getName());
        if (taskPod == null) {
            return;
        }
        if (deleted) {
            taskPod.steps.forEach(SimulationClock.Step::cancel);
            node.pods.remove(taskPod.name);
            enqueue(node);
        } else if (pod.getMetadata().getDeletionTimestamp() != null && !taskPod.terminating) {
            terminate(taskPod, Optional.ofNullable(pod.getMetadata().getDeletionGracePeriodSeconds()).orElse(30L));
        }
    }

    /** Stops every scheduled step without writing anything more. */
    void stop() {
        stopped = true;
        pending.forEach(SimulationClock.Step::cancel);
        pending.clear();
        nodes.values().forEach(n -> n.pods.values().forEach(p -> p.steps.forEach(SimulationClock.Step::cancel)));
    }

    // ---------------------------------------------------------------- the reconcilers

    private void enqueueWorkflow() {
        enqueueKey(this, this::reconcileWorkflow);
    }

    private void enqueue(Node node) {
        enqueueKey(node, () -> reconcileNode(node));
    }

    private void enqueueKey(Object key, Runnable reconcile) {
        if (queued.add(key)) {
            later(Duration.ZERO, () -> {
                queued.remove(key);
                try {
                    reconcile.run();
                } catch (RuntimeException e) {
                    // controller-runtime requeues a failed reconcile (rate-limited); so do we.
                    later(Duration.ofSeconds(1), () -> enqueueKey(key, reconcile));
                }
            });
        }
    }

    /** workflow_entry_reconciler.go {@code Reconcile} and abort_workflow_reconciler.go {@code Reconcile}. */
    private void reconcileWorkflow() {
        if (workflowGone) {
            return;
        }
        Optional<Node> entryNode = nodes.values().stream().filter(n -> n.parent.isEmpty() && !n.gone).findFirst();
        if (entryNode.isEmpty() && nodes.values().stream().noneMatch(n -> n.parent.isEmpty()) && templates.containsKey(entry)) {
            entryNode = Optional.of(spawn(entry, Optional.empty()));
        }
        entryNode.ifPresent(e -> {
            if (abortAnnotation) {
                e.set("Aborted", "True", "WorkflowAborted");
            } else {
                e.set("Aborted", "False", "");
            }
            writeNode(e);
        });
        Map<String, Object> status = new LinkedHashMap<>();
        boolean finished = entryNode.map(Node::finished).orElse(false);
        if (finished && endTime.isEmpty()) {
            endTime = Optional.of(now());
        } else if (!finished) {
            endTime = Optional.empty();
        }
        entryNode.ifPresent(e -> status.put("entryNode", e.name));
        status.put("startTime", startTime.toString());
        endTime.ifPresent(t -> status.put("endTime", t.toString()));
        status.put("conditions", List.of(
                condition("Scheduled", entryNode.isPresent() ? "True" : "False"),
                condition("Accomplished", finished ? "True" : "False")));
        if (!status.equals(lastWorkflowStatus)) {
            lastWorkflowStatus = status;
            long at = replaceStatus(ChaosMeshKinds.WORKFLOW, name, status);
            if (finished) {
                Node e = entryNode.get();
                String how = e.is("Aborted", "True") ? "Aborted" : e.is("DeadlineExceed", "True") ? "DeadlineExceed" : "Accomplished";
                sim.terminated(namespace, name, how, at);
            }
        }
    }

    private static Map<String, Object> condition(String type, String status) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("type", type);
        c.put("status", status);
        c.put("reason", "");
        return c;
    }

    /** Every node reconciler, each looking at the node as it is now. */
    private void reconcileNode(Node node) {
        if (node.gone || stopped) {
            return;
        }
        reconcileDeadline(node);
        reconcileAbort(node);
        switch (node.type) {
            case "Serial" -> reconcileSerial(node);
            case "Parallel" -> reconcileParallel(node);
            case "Task" -> reconcileTask(node);
            case "StatusCheck" -> reconcileStatusCheck(node);
            default -> {
                if (!NO_RECONCILER.contains(node.type)) {
                    reconcileChaos(node);
                }
            }
        }
        writeNode(node);
    }

    /** deadline_reconciler.go {@code Reconcile} and {@code propagateDeadlineToChildren}. */
    private void reconcileDeadline(Node node) {
        if (node.is("DeadlineExceed", "True")) {
            if (CONTAINER_TYPES.contains(node.type)) {
                for (Node child : node.children()) {
                    if (!child.finished() && !child.is("DeadlineExceed", "True")) {
                        child.set("DeadlineExceed", "True", "ParentNodeDeadlineExceed");
                        writeNode(child);
                    }
                }
            }
            return;
        }
        if (node.deadline.isEmpty()) {
            return;
        }
        Instant deadline = node.deadline.get();
        Instant now = sim.clock().exactNow();
        if (now.isBefore(deadline)) {
            if (!node.is("DeadlineExceed", "False") && !"ParentNodeDeadlineExceed".equals(node.reason("DeadlineExceed").orElse(""))) {
                node.set("DeadlineExceed", "False", "NodeDeadlineNotExceed");
            }
            if (!node.deadlineTimer) {
                // Requeued for its deadline ("RequeueAfter").
                node.deadlineTimer = true;
                later(Duration.between(now, deadline).plusMillis(1), () -> enqueue(node));
            }
            return;
        }
        node.set("DeadlineExceed", "True", node.is("Accomplished", "True") ? "NodeDeadlineOmitted" : "NodeDeadlineExceed");
    }

    /** abort_node_reconciler.go {@code Reconcile}, {@code propagateAbortToChildren} and {@code abortWorkflow}. */
    private void reconcileAbort(Node node) {
        if (!node.is("Aborted", "True")) {
            return;
        }
        if (node.type.equals("StatusCheck")) {
            if (!abortAnnotation && !workflowGone) {
                sim.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(namespace).withName(name)
                        .edit(wf -> {
                            Map<String, String> annotations = new LinkedHashMap<>(Optional.ofNullable(wf.getMetadata().getAnnotations()).orElse(Map.of()));
                            annotations.put(ChaosMeshKinds.ANNOTATION_ABORT, "true");
                            wf.getMetadata().setAnnotations(annotations);
                            return wf;
                        });
            }
            return;
        }
        if (CONTAINER_TYPES.contains(node.type)) {
            for (Node child : node.children()) {
                if (!child.finished() && !child.is("Aborted", "True")) {
                    child.set("Aborted", "True", "ParentNodeAborted");
                    writeNode(child);
                }
            }
        }
    }

    /** serial_node_reconciler.go {@code Reconcile} and {@code syncChildNodes}. */
    private void reconcileSerial(Node node) {
        List<String> children = childTemplates(node);
        if (!children.isEmpty() && !node.finished()) {
            List<Node> existing = node.children();
            List<Node> finishedChildren = existing.stream().filter(Node::finished).toList();
            if (existing.stream().allMatch(Node::finished) && finishedChildren.size() < children.size() && spawnsAllowed(node)) {
                spawn(children.get(finishedChildren.size()), Optional.of(node));
            }
        }
        accomplishWhenChildrenFinished(node, children.size());
    }

    /** parallel_node_reconciler.go {@code Reconcile} and {@code syncChildNodes}. */
    private void reconcileParallel(Node node) {
        List<String> children = childTemplates(node);
        if (!children.isEmpty() && !node.finished() && node.children().isEmpty() && spawnsAllowed(node)) {
            children.forEach(c -> spawn(c, Optional.of(node)));
        }
        accomplishWhenChildrenFinished(node, children.size());
    }

    private void accomplishWhenChildrenFinished(Node node, int expected) {
        long finishedChildren = node.children().stream().filter(Node::finished).count();
        node.set("Accomplished", finishedChildren == expected ? "True" : "False", "");
    }

    /**
     * task_reconciler.go {@code Reconcile}: no pod, one is spawned (even for a finished node, upstream
     * issue #4878); once {@code pods[0]} is Succeeded or Failed, whatever its exit code, the node is
     * Accomplished (also after a deadline or an abort).
     */
    private void reconcileTask(Node node) {
        if (node.pods.isEmpty() && spawnsAllowed(node)) {
            spawnPod(node);
        }
        if (!node.pods.isEmpty() && node.pods.firstEntry().getValue().completed()) {
            node.set("Accomplished", "True", "");
        }
    }

    /** statuscheck_reconciler.go {@code updateNodeStatus} (the StatusCheck object itself is not simulated). */
    private void reconcileStatusCheck(Node node) {
        if (node.finished()) {
            return;
        }
        boolean completed = node.statusCheckSucceeded.isPresent();
        node.set("Accomplished", completed ? "True" : "False", completed ? "StatusCheckCompleted" : "");
        boolean abortWith = Boolean.TRUE.equals(templates.get(node.template).get("abortWithStatusCheck"));
        if (abortWith && completed && !node.statusCheckSucceeded.get()) {
            node.set("Aborted", "True", "StatusCheckNotExceedSuccessThreshold");
            enqueue(node);      // the abort reconciler sees the Aborted condition on the next event
        } else {
            node.set("Aborted", "False", "");
        }
    }

    /** chaos_node_reconciler.go: the chaos object is created (or not); nothing ever sets Accomplished. */
    private void reconcileChaos(Node node) {
        if (node.finished()) {
            return;
        }
        if (sim.chaosFails(node.template)) {
            node.set("ChaosInjected", "False", "ChaosCRNotExists");
        } else {
            node.set("ChaosInjected", "True", "ChaosCRCreated");
        }
    }

    /**
     * The real controller reads the Workflow to render children and pods (no Workflow, no spawn); a
     * node being deleted spawns nothing here (see the class comment). Read fresh, as the informer
     * events of nodes and pods may arrive in either order.
     */
    private boolean spawnsAllowed(Node node) {
        if (workflowGone || node.beingDeleted) {
            return false;
        }
        GenericKubernetesResource current = sim.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(namespace)
                .withName(node.name).get();
        if (current == null || current.getMetadata().getDeletionTimestamp() != null) {
            node.beingDeleted = true;
            return false;
        }
        return sim.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(namespace).withName(name).get() != null;
    }

    @SuppressWarnings("unchecked")
    private List<String> childTemplates(Node node) {
        Object c = templates.get(node.template).get("children");
        return c instanceof List<?> l ? ((List<Object>) l).stream().map(String::valueOf).toList() : List.of();
    }

    // ---------------------------------------------------------------- writing

    /** new_node.go {@code renderNodesByTemplates}: a WorkflowNode with its owner, labels and finalizer. */
    private Node spawn(String templateName, Optional<Node> parent) {
        Map<String, Object> template = templates.get(templateName);
        String type = String.valueOf(template.get("templateType"));
        String nodeName = templateName + "-" + suffix();
        Instant created = sim.clock().exactNow();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("templateName", templateName);
        spec.put("workflowName", name);
        spec.put("type", type);
        spec.put("startTime", created.truncatedTo(ChronoUnit.SECONDS).toString());
        Optional<Instant> deadline = Optional.ofNullable(template.get("deadline"))
                .map(d -> created.plus(GoDuration.parse(String.valueOf(d))).truncatedTo(ChronoUnit.SECONDS));
        deadline.ifPresent(d -> spec.put("deadline", d.toString()));
        for (String field : List.of("children", "task", "conditionalBranches", "schedule", "statusCheck", "abortWithStatusCheck")) {
            if (template.containsKey(field)) {
                spec.put(field, template.get(field));
            }
        }
        template.forEach((k, v) -> {
            if (k.endsWith("Chaos") && !spec.containsKey(k)) {
                spec.put(k, v);     // the embedded chaos spec
            }
        });
        Node node = new Node(nodeName, templateName, type, parent, deadline);
        nodes.put(nodeName, node);
        GenericKubernetesResource object = new GenericKubernetesResourceBuilder()
                .withApiVersion(ChaosMeshKinds.API_VERSION)
                .withKind("WorkflowNode")
                .withNewMetadata()
                .withGenerateName(templateName + "-")
                .withName(nodeName)
                .withNamespace(namespace)
                .addToLabels(ChaosMeshKinds.LABEL_CONTROLLED_BY, parent.map(p -> p.name).orElse(name))
                .addToLabels(ChaosMeshKinds.LABEL_WORKFLOW, name)
                .withOwnerReferences(parent.map(p -> owner("WorkflowNode", p.name, p.uid)).orElseGet(() -> owner("Workflow", name, uid)))
                .withFinalizers(ApiServerDeletion.FOREGROUND)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", spec))
                .build();
        node.uid = sim.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(namespace)
                .resource(object).create().getMetadata().getUid();
        enqueue(node);
        parent.ifPresentOrElse(this::enqueue, this::enqueueWorkflow);
        if (type.equals("StatusCheck")) {
            SimulatedChaosMesh.StatusCheckScript check = sim.statusCheckFor(templateName);
            later(check.after(), () -> {
                node.statusCheckSucceeded = Optional.of(check.succeeds());
                enqueue(node);
            });
        }
        return node;
    }

    /** Writes the node's status if it changed, and queues whoever watches it. */
    private void writeNode(Node node) {
        Map<String, Object> status = new LinkedHashMap<>();
        if (node.type.equals("Task")) {
            status.put("conditionalBranchesStatus", Map.of());
        }
        if (!NO_RECONCILER.contains(node.type) && !CONTAINER_TYPES.contains(node.type) && !node.type.equals("StatusCheck")
                && node.is("ChaosInjected", "True")) {
            status.put("chaosResource", Map.of("apiGroup", "chaos-mesh.org", "kind", node.type, "name", node.name));
        }
        List<Node> children = node.children();
        List<Map<String, Object>> active = children.stream().filter(c -> !c.finished()).map(c -> Map.<String, Object>of("name", c.name)).toList();
        List<Map<String, Object>> finished = children.stream().filter(Node::finished).map(c -> Map.<String, Object>of("name", c.name)).toList();
        if (!active.isEmpty()) {
            status.put("activeChildren", active);
        }
        if (!finished.isEmpty()) {
            status.put("finishedChildren", finished);
        }
        if (!node.conditions.isEmpty()) {
            status.put("conditions", node.conditions.stream().map(LinkedHashMap::new).toList());
        }
        if (status.equals(node.lastStatus) || node.gone) {
            return;
        }
        node.lastStatus = status;
        replaceStatus(ChaosMeshKinds.WORKFLOW_NODE, node.name, status);
        enqueue(node);
        node.parent.ifPresentOrElse(this::enqueue, this::enqueueWorkflow);
    }

    // ---------------------------------------------------------------- the Task pods and their kubelet

    /** task_reconciler.go {@code SpawnTaskPod}: generateName {@code <node>-}, owned by the node, finalizer foregroundDeletion. */
    @SuppressWarnings("unchecked")
    private void spawnPod(Node node) {
        TaskScript script = sim.scriptFor(node.template);
        Map<String, Object> container = (Map<String, Object>) ((Map<String, Object>) templates.get(node.template).getOrDefault("task", Map.of()))
                .getOrDefault("container", Map.of());
        String containerName = String.valueOf(container.getOrDefault("name", node.template));
        String image = String.valueOf(container.getOrDefault("image", "busybox"));
        List<Object> command = container.get("command") instanceof List<?> l ? (List<Object>) l : List.of();
        // A shell running a script as PID 1 has no SIGTERM handler: the kernel ignores the signal, the kubelet waits out the grace period.
        boolean ignoresSigterm = command.size() >= 2 && String.valueOf(command.get(0)).endsWith("sh") && "-c".equals(String.valueOf(command.get(1)));
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withGenerateName(node.name + "-")
                .withName(node.name + "-" + suffix())
                .withNamespace(namespace)
                .addToLabels(ChaosMeshKinds.LABEL_CONTROLLED_BY, node.name)
                .addToLabels(ChaosMeshKinds.LABEL_WORKFLOW, name)
                .withOwnerReferences(owner("WorkflowNode", node.name, node.uid))
                .withFinalizers(ApiServerDeletion.FOREGROUND)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withNodeName("simulated-node")
                .withTerminationGracePeriodSeconds(30L)
                .withContainers(new ContainerBuilder().withName(containerName).withImage(image).build())
                .endSpec()
                .build();
        Pod created = sim.client().pods().inNamespace(namespace).resource(pod).create();
        sim.podCreated(namespace, name, node.template);
        TaskPod taskPod = new TaskPod(created.getMetadata().getName(), node, script, containerName, image, ignoresSigterm);
        node.pods.put(taskPod.name, taskPod);
        event(created, "Normal", "Scheduled", "Successfully assigned " + namespace + "/" + taskPod.name + " to simulated-node");
        if (!script.startsAtAll()) {
            String reason = script.waitingReason().orElseThrow();
            writePod(taskPod, "Pending", waiting(reason), Optional.empty());
            sim.logs().waiting(namespace, taskPod.name, containerName, reason);
            event(created, "Warning", "Failed", "Error: " + reason);
            return;
        }
        if (script.failsToStart()) {
            taskPod.started = now();
            finish(taskPod, script.exitCode(), "StartError");
            return;
        }
        taskPod.started = now();
        writePod(taskPod, "Running", Map.of("running", Map.of("startedAt", taskPod.started.toString())), Optional.empty());
        sim.logs().append(namespace, taskPod.name, containerName, script.logLines());
        event(created, "Normal", "Started", "Started container " + containerName);
        taskPod.steps.add(later(script.duration(), () -> {
            if (taskPod.terminating || taskPod.completed()) {
                return;
            }
            if (script.evicted()) {
                taskPod.phase = "Failed";
                writePod(taskPod, "Failed", Map.of(), Optional.of("Evicted"));
                enqueue(node);
            } else {
                finish(taskPod, script.exitCode(), script.terminatedReason());
            }
        }));
    }

    private void finish(TaskPod taskPod, int code, String reason) {
        Map<String, Object> terminated = new LinkedHashMap<>();
        terminated.put("exitCode", code);
        terminated.put("reason", reason);
        terminated.put("startedAt", taskPod.started.toString());
        terminated.put("finishedAt", now().toString());
        taskPod.phase = code == 0 ? "Succeeded" : "Failed";
        writePod(taskPod, taskPod.phase, Map.of("terminated", terminated), Optional.empty());
        enqueue(taskPod.node);
    }

    /**
     * The kubelet on a pod being deleted: SIGTERM, then SIGKILL after the grace period. A container
     * that ignores SIGTERM (a {@code /bin/sh -c} script) takes the whole period and dies with 137;
     * one that does not stops at once with 143. Then the kubelet's final delete (grace 0).
     */
    private void terminate(TaskPod taskPod, long graceSeconds) {
        taskPod.terminating = true;
        boolean running = "Running".equals(taskPod.phase);
        Duration takes = running && taskPod.ignoresSigterm ? Duration.ofSeconds(graceSeconds) : Duration.ZERO;
        taskPod.steps.add(later(takes, () -> {
            if (running) {
                finish(taskPod, taskPod.ignoresSigterm ? 137 : 143, "Error");
            }
            try {
                sim.client().pods().inNamespace(namespace).withName(taskPod.name).withGracePeriod(0).delete();
            } catch (KubernetesClientException e) {
                // Already gone: a status write to a terminating pod without finalizers removes it on the mock.
            }
        }));
    }

    private static Map<String, Object> waiting(String reason) {
        String message = switch (reason) {
            case "CreateContainerConfigError" -> "configmap not found";
            case "ImagePullBackOff", "ErrImagePull" -> "Back-off pulling image";
            default -> reason;
        };
        return Map.of("waiting", Map.of("reason", reason, "message", message));
    }

    private void writePod(TaskPod taskPod, String phase, Map<String, Object> state, Optional<String> podReason) {
        Map<String, Object> containerStatus = new LinkedHashMap<>();
        containerStatus.put("name", taskPod.container);
        containerStatus.put("image", taskPod.image);
        containerStatus.put("imageID", "");
        containerStatus.put("ready", state.containsKey("running"));
        containerStatus.put("restartCount", 0);
        containerStatus.put("started", state.containsKey("running"));
        containerStatus.put("state", state);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", phase);
        podReason.ifPresent(r -> {
            status.put("reason", r);
            status.put("message", "The node was low on resource: memory.");
        });
        status.put("startTime", startTime.toString());
        status.put("containerStatuses", List.of(containerStatus));
        taskPod.phase = phase;
        retryOnConflict(() -> {
            Pod current = sim.client().pods().inNamespace(namespace).withName(taskPod.name).get();
            if (current == null) {
                return null;
            }
            Pod updated = new PodBuilder(current).withStatus(sim.client().getKubernetesSerialization()
                    .convertValue(status, io.fabric8.kubernetes.api.model.PodStatus.class)).build();
            sim.client().pods().inNamespace(namespace).resource(updated).updateStatus();
            if (state.containsKey("terminated")) {
                event(current, "Normal", "Completed", "Container " + taskPod.container + " terminated");
            }
            return null;
        });
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
                if (e.getCode() == 404) {
                    return;
                }
                if (e.getCode() != 409 || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    private SimulationClock.Step later(Duration simulated, Runnable step) {
        SimulationClock.Step s = sim.clock().schedule(simulated, () -> {
            if (!stopped) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    // A write can fail while a test tears the cluster down; other steps go on.
                }
            }
        });
        pending.add(s);
        if (pending.size() > 256) {
            pending.removeIf(SimulationClock.Step::isDone);
        }
        return s;
    }

    private OwnerReference owner(String kind, String ownerName, String ownerUid) {
        return new OwnerReferenceBuilder()
                .withApiVersion(kind.equals("Pod") ? "v1" : ChaosMeshKinds.API_VERSION)
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
