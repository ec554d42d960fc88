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
 * A small Chaos Mesh Workflow controller (and kubelet) for a {@link MockCluster}: it does what the
 * real one does to the API objects, so code that drives Workflows can be tested against real HTTP
 * and a real client.
 *
 * <p>On a new Workflow it walks {@code spec.entry}: a {@code Serial} template runs its children one
 * after another <em>without failing fast</em> (a child whose Task exits 1 is still
 * {@code Accomplished}, as on the real controller); a {@code Parallel} template starts them all; a
 * {@code Task} template creates a pod ({@code generateName: <node>-}) labelled
 * {@code chaos-mesh.org/workflow} and {@code chaos-mesh.org/controlled-by}, owned by its
 * WorkflowNode, and plays the {@link TaskScript} for the template's name: pod phase, container
 * state, exit code and logs. Each WorkflowNode is owned by its parent node (the entry node by the
 * Workflow). Conditions, start and end times, {@code entryNode}, active and finished children are
 * written through the status subresource, replaced wholesale. A template's {@code deadline}
 * produces {@code DeadlineExceed} (its unfinished descendants get it too); the annotation
 * {@code workflow.chaos-mesh.org/abort: "true"} produces {@code Aborted} and stops the run.
 * Pods of exceeded or aborted nodes are left running, as on a real cluster, and nothing is
 * garbage-collected when the Workflow is deleted.
 *
 * <p>Time runs {@link Builder#speed(double) speed} times faster than the wall clock, so a
 * 60-minute scenario at speed 3600 takes about a second plus the time of its API calls. Steps
 * happen in simulated-time order whatever the machine's load (a Task due at minute 10 finishes
 * before a deadline at minute 30 even if the API calls are slow), so results are deterministic.
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
    private final SimulationClock loop;
    private final Map<String, WorkflowRun> runs = new HashMap<>();                  // touched on the loop thread only
    private final java.util.Set<String> deletedUids = new java.util.HashSet<>();    // late events must not restart these
    private final Map<String, CompletableFuture<Terminal>> terminals = new ConcurrentHashMap<>();
    private final SharedIndexInformer<GenericKubernetesResource> informer;

    /** How a simulated Workflow ended, and when (on {@link System#nanoTime()}) the deciding status write was sent. */
    public record Terminal(String namespace, String workflow, String how, long writtenAtNanos) {
    }

    private SimulatedChaosMesh(Builder b) {
        this.client = b.client;
        this.logs = b.logs;
        this.scripts = Map.copyOf(b.scripts);
        this.defaultScript = b.defaultScript;
        this.loop = new SimulationClock(b.speed, "simulated-chaos-mesh");
        var workflows = client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW);
        this.informer = (b.namespace.isPresent() ? workflows.inNamespace(b.namespace.get()) : workflows.inAnyNamespace())
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource wf) {
                        loop.execute(() -> seen(wf));
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource wf) {
                        loop.execute(() -> seen(wf));
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource wf, boolean unknownFinalState) {
                        loop.execute(() -> deleted(wf));
                    }
                }, 0);
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
        private TaskScript defaultScript = TaskScript.passes(Duration.ofMinutes(1));
        private double speed = 60;
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

        /** What every Task without its own script does (default: passes after one simulated minute). */
        public Builder defaultScript(TaskScript script) {
            this.defaultScript = Objects.requireNonNull(script);
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

    TaskScript scriptFor(String template) {
        return scripts.getOrDefault(template, defaultScript);
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
        WorkflowRun run = runs.get(key);
        if (run == null || !run.uid().equals(wf.getMetadata().getUid())) {
            if (run != null) {
                run.stop();
            }
            run = new WorkflowRun(this, wf);
            runs.put(key, run);
            terminals.computeIfPresent(key, (k, f) -> f.isDone() ? null : f);
            run.begin();
        }
        Map<String, String> annotations = wf.getMetadata().getAnnotations();
        if (annotations != null && "true".equals(annotations.get(ChaosMeshKinds.ANNOTATION_ABORT))) {
            run.abort();
        }
    }

    private void deleted(GenericKubernetesResource wf) {
        deletedUids.add(wf.getMetadata().getUid());
        WorkflowRun run = runs.remove(wf.getMetadata().getNamespace() + "/" + wf.getMetadata().getName());
        if (run != null) {
            run.stop();
        }
    }

    /** Stops informing and cancels every scheduled step; objects already written stay. */
    @Override
    public void close() {
        informer.close();
        loop.close();
    }
}
