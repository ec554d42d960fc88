package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Chaos Mesh Workflow controller (and the kubelet of its Task pods) for a {@link MockCluster}: it
 * does to the API objects what the real controller's reconcilers do ({@code pkg/workflow/controllers/}
 * of chaos-mesh/chaos-mesh, v2.2.0 to v2.8.x), so code that drives Workflows can be tested against
 * real HTTP, a real client and faithful statuses. See {@link WorkflowRun} for the reconcilers and
 * which file each one follows.
 *
 * <p>In short: a {@code Serial} node runs its children one after another without failing fast
 * and moves on after a child's own time-out; a {@code Parallel} node starts them all; a
 * {@code Task} node gets a pod ({@code <node>-xxxxx}, finalizer {@code foregroundDeletion}, owned
 * by the node) that plays the {@link TaskScript} for its template and is Accomplished once that
 * pod is Succeeded or Failed, whatever the exit code; a deleted Task pod is re-created while its
 * node exists. Deadlines end nodes with {@code NodeDeadlineExceed}, or {@code NodeDeadlineOmitted}
 * when they had accomplished, and propagate to active children; Suspend, Schedule and chaos nodes
 * end only by their deadline. The abort annotation aborts the entry node, then its active
 * children; running pods keep running. The Workflow is {@code Accomplished=True} whenever its
 * entry node finished by any means. When a Task pod is deleted its kubelet stops it: a
 * {@code /bin/sh -c} container ignores SIGTERM and takes the whole grace period, in simulated time.
 *
 * <p>Time runs {@link Builder#speed(double) speed} times faster than the wall clock, so a
 * 60-minute scenario at speed 3600 takes about a second plus the time of its API calls. Steps
 * happen in simulated-time order whatever the machine's load, so results are deterministic.
 *
 * <pre>{@code
 * try (MockCluster cluster = MockCluster.start();
 *      SimulatedChaosMesh chaos = SimulatedChaosMesh.builder(cluster)
 *              .speed(600)
 *              .script("run-release-test", TaskScript.exits(1, Duration.ofMinutes(10)).withLogs("3 checks failed"))
 *              .start()) {
 *     // apply a Workflow, wait for it, inspect nodes and pods ...
 * }
 * }</pre>
 */
public final class SimulatedChaosMesh implements AutoCloseable {

    private final KubernetesClient client;
    private final PodLogs logs;
    private final Map<String, TaskScript> scripts;
    private final TaskScript defaultScript;
    private final Map<String, StatusCheckScript> statusChecks;
    private final java.util.Set<String> failingChaos;
    private final SimulationClock loop;
    private final Map<String, WorkflowRun> runs = new HashMap<>();                  // by Workflow uid; touched on the loop thread only
    private final Map<String, WorkflowRun> current = new HashMap<>();               // by namespace/name: the live Workflow's run
    private final java.util.Set<String> deletedUids = new java.util.HashSet<>();    // late events must not restart these
    private final Map<String, CompletableFuture<Terminal>> terminals = new ConcurrentHashMap<>();
    private final Map<String, Integer> podsCreated = new ConcurrentHashMap<>();
    private final Map<String, java.time.Instant> startedAt = new HashMap<>();                               // loop thread only
    private final Map<String, java.util.List<Map.Entry<Duration, Runnable>>> waitingActions = new HashMap<>();   // loop thread only
    private final boolean honoursAbort;
    private final java.util.List<SharedIndexInformer<?>> informers = new java.util.ArrayList<>();

    /** What a {@code StatusCheck} node's check comes to, and after how long (simulated). */
    public record StatusCheckScript(boolean succeeds, Duration after) {
        public StatusCheckScript {
            Objects.requireNonNull(after, "after");
        }

        /** The check reaches its success threshold after {@code after}. */
        public static StatusCheckScript passes(Duration after) {
            return new StatusCheckScript(true, after);
        }

        /** The check reaches its failure threshold after {@code after}. */
        public static StatusCheckScript fails(Duration after) {
            return new StatusCheckScript(false, after);
        }
    }

    /** How a simulated Workflow ended, and when (on {@link System#nanoTime()}) the deciding status write was sent. */
    public record Terminal(String namespace, String workflow, String how, long writtenAtNanos) {
    }

    private SimulatedChaosMesh(Builder b) {
        this.client = b.client;
        this.logs = b.logs;
        this.scripts = Map.copyOf(b.scripts);
        this.defaultScript = b.defaultScript;
        this.statusChecks = Map.copyOf(b.statusChecks);
        this.failingChaos = java.util.Set.copyOf(b.failingChaos);
        this.loop = new SimulationClock(b.speed, "simulated-chaos-mesh");
        this.honoursAbort = atLeast(b.controllerVersion, 2, 2);
        deployController(b.controllerVersion);
        var workflows = client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW);
        var workflowNodes = client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE);
        var pods = client.pods();
        informers.add((b.namespace.isPresent() ? workflows.inNamespace(b.namespace.get()) : workflows.inAnyNamespace())
                .inform(handler(this::seen, this::deleted), 0));
        informers.add((b.namespace.isPresent() ? workflowNodes.inNamespace(b.namespace.get()) : workflowNodes.inAnyNamespace())
                .withLabel(ChaosMeshKinds.LABEL_WORKFLOW).inform(handler(n -> nodeEvent(n, false), n -> nodeEvent(n, true)), 0));
        informers.add((b.namespace.isPresent() ? pods.inNamespace(b.namespace.get()) : pods.inAnyNamespace())
                .withLabel(ChaosMeshKinds.LABEL_WORKFLOW).inform(handler(p -> podEvent(p, false), p -> podEvent(p, true)), 0));
    }

    private <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceEventHandler<T> handler(
            java.util.function.Consumer<T> seen, java.util.function.Consumer<T> gone) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T o) {
                loop.execute(() -> seen.accept(o));
            }

            @Override
            public void onUpdate(T old, T o) {
                loop.execute(() -> seen.accept(o));
            }

            @Override
            public void onDelete(T o, boolean unknownFinalState) {
                loop.execute(() -> gone.accept(o));
            }
        };
    }

    /** Starts building a controller for {@code cluster}: its client, and its pod log store. */
    public static Builder builder(MockCluster cluster) {
        return new Builder(cluster.client(), cluster.podLogs());
    }

    /** Configures and starts a {@link SimulatedChaosMesh}. */
    public static final class Builder {
        private final KubernetesClient client;
        private final PodLogs logs;
        private final Map<String, TaskScript> scripts = new HashMap<>();
        private final Map<String, StatusCheckScript> statusChecks = new HashMap<>();
        private final java.util.Set<String> failingChaos = new java.util.HashSet<>();
        private TaskScript defaultScript = TaskScript.passes(Duration.ofMinutes(1));
        private double speed = 60;
        private String controllerVersion = "v2.7.2";
        private Optional<String> namespace = Optional.empty();

        private Builder(KubernetesClient client, PodLogs logs) {
            this.client = client;
            this.logs = logs;
        }

        /** Simulated seconds per wall-clock second (default 60: a simulated minute takes a second). */
        public Builder speed(double factor) {
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("speed must be a positive number, was " + factor);
            }
            this.speed = factor;
            return this;
        }

        /** What the Task template named {@code template} does. */
        public Builder script(String template, TaskScript script) {
            scripts.put(Objects.requireNonNull(template), Objects.requireNonNull(script));
            return this;
        }

        /** What the check of the StatusCheck template named {@code template} comes to (default: passes after 10 simulated seconds). */
        public Builder statusCheck(String template, StatusCheckScript script) {
            statusChecks.put(Objects.requireNonNull(template), Objects.requireNonNull(script));
            return this;
        }

        /** The chaos object of the chaos template named {@code template} cannot be created ({@code ChaosInjected=False/ChaosCRNotExists}). */
        public Builder chaosFails(String template) {
            failingChaos.add(Objects.requireNonNull(template));
            return this;
        }

        /** What every Task without its own script does (default: passes after one simulated minute). */
        public Builder defaultScript(TaskScript script) {
            this.defaultScript = Objects.requireNonNull(script);
            return this;
        }

        /**
         * The Chaos Mesh version the simulated controller-manager Deployment ({@code chaos-mesh/chaos-controller-manager})
         * reports in its image tag (default {@code v2.7.2}). Before {@code v2.2.0} the abort annotation is ignored, as on
         * those releases.
         */
        public Builder controllerVersion(String version) {
            this.controllerVersion = Objects.requireNonNull(version);
            return this;
        }

        /** Only drive Workflows in this namespace (default: every namespace). */
        public Builder namespace(String namespace) {
            this.namespace = Optional.of(namespace);
            return this;
        }

        /** Starts informing on Workflows; returns once the first list is in. */
        public SimulatedChaosMesh start() {
            return new SimulatedChaosMesh(this);
        }
    }

    /**
     * Waits until the Workflow is terminal in the simulation (entry node accomplished, exceeded
     * or aborted) and returns how; empty if that did not happen within {@code timeout}.
     */
    public Optional<Terminal> awaitTerminal(String namespace, String workflow, Duration timeout) {
        try {
            return Optional.of(terminal(namespace, workflow).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The terminal write of a Workflow if it happened already. */
    public Optional<Terminal> terminalOf(String namespace, String workflow) {
        CompletableFuture<Terminal> f = terminals.get(namespace + "/" + workflow);
        return f != null && f.isDone() ? Optional.of(f.join()) : Optional.empty();
    }

    CompletableFuture<Terminal> terminal(String namespace, String workflow) {
        return terminals.computeIfAbsent(namespace + "/" + workflow, k -> new CompletableFuture<>());
    }

    /**
     * Runs {@code action} on the simulation thread after {@code simulatedDelay} of simulated time,
     * in order with the controller's own steps: for a test or story that acts on the cluster at a
     * given point of a run (remove an annotation, delete a pod).
     */
    public void schedule(Duration simulatedDelay, Runnable action) {
        loop.schedule(simulatedDelay, action);
    }

    /**
     * Runs {@code action} on the simulation thread {@code afterStart} of simulated time after the
     * simulated controller started the Workflow (first saw it), whenever that is: a story's timing
     * must not depend on how long the API server took to tell the controller about a new Workflow.
     */
    public void scheduleForWorkflow(String namespace, String workflow, Duration afterStart, Runnable action) {
        loop.execute(() -> {
            String key = namespace + "/" + workflow;
            java.time.Instant started = startedAt.get(key);
            if (started != null) {
                java.time.Duration left = Duration.between(loop.exactNow(), started.plus(afterStart));
                loop.schedule(left.isNegative() ? Duration.ZERO : left, action);
            } else {
                waitingActions.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(Map.entry(afterStart, action));
            }
        });
    }

    /** How many Task pods the controller created for the template {@code template} of a Workflow so far (re-created ones included). */
    public int podsCreated(String namespace, String workflow, String template) {
        return podsCreated.getOrDefault(namespace + "/" + workflow + "/" + template, 0);
    }

    void podCreated(String namespace, String workflow, String template) {
        podsCreated.merge(namespace + "/" + workflow + "/" + template, 1, Integer::sum);
    }

    /** The simulated instant now. */
    public java.time.Instant now() {
        return loop.exactNow();
    }

    /** The abort annotation exists from Chaos Mesh v2.2.0 on (abort_workflow_reconciler.go). */
    boolean honoursAbort() {
        return honoursAbort;
    }

    private static boolean atLeast(String version, int major, int minor) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^v?(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) {
            return true;
        }
        int ma = Integer.parseInt(m.group(1));
        return ma > major || (ma == major && Integer.parseInt(m.group(2)) >= minor);
    }

    /** The controller-manager Deployment as the Helm chart installs it, so a runner can read its version. */
    private void deployController(String version) {
        var deployments = client.apps().deployments().inNamespace("chaos-mesh");
        if (deployments.withName("chaos-controller-manager").get() != null) {
            return;
        }
        try {
            deployments.resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata().withName("chaos-controller-manager").withNamespace("chaos-mesh")
                .addToLabels("app.kubernetes.io/component", "controller-manager").addToLabels("app.kubernetes.io/name", "chaos-mesh").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app.kubernetes.io/component", "controller-manager").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/component", "controller-manager").endMetadata()
                .withNewSpec().addNewContainer().withName("chaos-mesh").withImage("ghcr.io/chaos-mesh/chaos-mesh:" + version).endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    TaskScript scriptFor(String template) {
        return scripts.getOrDefault(template, defaultScript);
    }

    StatusCheckScript statusCheckFor(String template) {
        return statusChecks.getOrDefault(template, StatusCheckScript.passes(Duration.ofSeconds(10)));
    }

    boolean chaosFails(String template) {
        return failingChaos.contains(template);
    }

    KubernetesClient client() {
        return client;
    }

    PodLogs logs() {
        return logs;
    }

    SimulationClock clock() {
        return loop;
    }

    void terminated(String namespace, String workflow, String how, long writtenAtNanos) {
        terminal(namespace, workflow).complete(new Terminal(namespace, workflow, how, writtenAtNanos));
    }

    private void seen(GenericKubernetesResource wf) {
        if (deletedUids.contains(wf.getMetadata().getUid())) {
            return;
        }
        String key = wf.getMetadata().getNamespace() + "/" + wf.getMetadata().getName();
        WorkflowRun run = runs.get(wf.getMetadata().getUid());
        if (run == null && startedElsewhere(wf)) {
            // Another controller (an earlier simulator) drove it: its nodes are not known here, so leave it as it is.
            deletedUids.add(wf.getMetadata().getUid());
            return;
        }
        if (run == null) {
            WorkflowRun previous = current.get(key);
            if (previous != null) {
                previous.workflowDeleted();
            }
            run = new WorkflowRun(this, wf);
            runs.put(wf.getMetadata().getUid(), run);
            current.put(key, run);
            startedAt.put(key, loop.exactNow());
            for (Map.Entry<Duration, Runnable> waiting : waitingActions.getOrDefault(key, java.util.List.of())) {
                loop.schedule(waiting.getKey(), waiting.getValue());
            }
            waitingActions.remove(key);
            terminals.computeIfPresent(key, (k, f) -> f.isDone() ? null : f);
        }
        run.workflowSeen(wf);
    }

    @SuppressWarnings("unchecked")
    private static boolean startedElsewhere(GenericKubernetesResource wf) {
        Object status = wf.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> m && ((Map<String, Object>) m).get("entryNode") != null;
    }

    private void deleted(GenericKubernetesResource wf) {
        deletedUids.add(wf.getMetadata().getUid());
        WorkflowRun run = runs.get(wf.getMetadata().getUid());
        if (run != null) {
            // Its nodes and pods are left to the garbage collector; the kubelet still stops the pods.
            run.workflowDeleted();
            current.remove(wf.getMetadata().getNamespace() + "/" + wf.getMetadata().getName(), run);
        }
    }

    private void nodeEvent(GenericKubernetesResource node, boolean deleted) {
        runs.values().forEach(r -> r.nodeSeen(node, deleted));
    }

    private void podEvent(io.fabric8.kubernetes.api.model.Pod pod, boolean deleted) {
        runs.values().forEach(r -> r.podSeen(pod, deleted));
    }

    /** Stops informing and cancels every scheduled step; objects already written stay. */
    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        loop.close();
    }
}
