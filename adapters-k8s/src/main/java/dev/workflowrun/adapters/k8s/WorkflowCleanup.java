package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Cleanup of one run's Workflow: abort, bounded delete, sweep, in an order that is right against
 * the real controller and garbage collector.
 *
 * <ol>
 *   <li>The abort annotation, unless the Workflow is over already (so no new step starts while it
 *       is being deleted; {@code abort_workflow_reconciler.go}).</li>
 *   <li>{@code DELETE} of the Workflow with {@code propagationPolicy=Foreground}: the garbage
 *       collector deletes its WorkflowNodes, and theirs Task pods, while it waits; each of them
 *       carries the {@code foregroundDeletion} finalizer ({@code new_node.go},
 *       {@code task_reconciler.go}), so the Workflow is gone only once every pod finished its graceful
 *       termination: a {@code /bin/sh -c} Task ignores SIGTERM and takes its whole grace period
 *       (30 s by default).</li>
 *   <li>Once the Workflow is gone, the nodes and pods still labelled with its name are listed again
 *       and swept: nodes first (with {@code Background}, so a node goes at once), then only pods
 *       whose node is gone. <b>A Task pod is never deleted while its node exists</b>: the controller
 *       creates a new pod for a Task node without one, even a finished node (upstream issue #4878),
 *       which runs the Task's script again.</li>
 * </ol>
 *
 * <p>The whole is bounded by {@code max(bound, longest grace period of the run's pods + margin)}: no
 * cluster can delete a pod faster than its grace period, so a shorter bound would report a normal
 * delete as a failure. A delete that takes long but ends within that is a note, not a problem.
 * Only objects still there at the end are problems, each named {@code kind/name}.
 */
final class WorkflowCleanup {

    /** What a pod without {@code terminationGracePeriodSeconds} gets (the API server's default). */
    static final Duration DEFAULT_POD_GRACE = Duration.ofSeconds(30);
    /** Added to the longest grace period: the kubelet's and the garbage collector's own latency. */
    static final Duration MARGIN = Duration.ofSeconds(15);
    /** A delete that takes longer than this is worth a note. */
    static final Duration SLOW = Duration.ofSeconds(5);
    /** After the bounded wait, the time the final listing (what is left, by name) may take. */
    static final Duration REPORT_MARGIN = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final KubernetesCalls calls;
    private final WorkflowHandle handle;
    private final Fabric8WorkflowCluster.Target target;
    private final Fabric8WorkflowCluster cluster;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> swept = new ArrayList<>();

    WorkflowCleanup(KubernetesClient client, KubernetesCalls calls, WorkflowHandle handle, Fabric8WorkflowCluster.Target target,
                    Fabric8WorkflowCluster cluster) {
        this.client = client;
        this.calls = calls;
        this.handle = handle;
        this.target = target;
        this.cluster = cluster;
    }

    CleanupReport run(Duration bound, String abortReason) {
        long started = System.nanoTime();
        boolean chaosMesh = target.policy().readsNodes();
        List<Pod> podsAtStart = listPods();
        Duration allowed = allowed(bound, podsAtStart);
        long giveUpAt = started + allowed.toNanos();
        // The wait is bounded by `allowed`; naming what is left afterwards takes a few requests more.
        calls.extendPhase(allowed.plus(REPORT_MARGIN), started);
        if (allowed.compareTo(bound) > 0) {
            notes.add("cleanup bound raised from " + bound.toSeconds() + "s to " + allowed.toSeconds()
                    + "s: the Task pods' grace period is " + longestGrace(podsAtStart).toSeconds() + "s and no cluster deletes a pod faster");
        }

        String plural = target.workflow().getPlural();
        Optional<GenericKubernetesResource> wf = Optional.empty();
        boolean readable = true;
        try {
            wf = Optional.ofNullable(calls.call("GET", plural, "reading Workflow " + handle,
                    () -> cluster.workflows(handle, target).withName(handle.name()).get()));
        } catch (RuntimeException e) {
            readable = false;
            problems.add("could not read the Workflow before aborting it: " + e.getMessage());
        }
        boolean abortRequested = false;
        if (wf.isPresent()) {
            List<GenericKubernetesResource> nodes = chaosMesh ? listNodes() : List.of();
            if (!target.policy().isTerminal(wf.get(), nodes)) {
                abortRequested = abort(abortReason);
            }
            deleteWorkflow();
            awaitGone("Workflow", () -> cluster.workflows(handle, target).withName(handle.name()).informOnCondition(List::isEmpty),
                    plural, giveUpAt);
        }

        // Whatever the garbage collector has not removed (none on some clusters, slow on others): nodes, then orphaned pods.
        if (chaosMesh) {
            for (GenericKubernetesResource node : listNodes()) {
                if (node.getMetadata().getDeletionTimestamp() == null) {
                    delete("workflownodes", "workflownode/" + Resources.name(node),
                            () -> cluster.nodeOps(handle).withName(Resources.name(node)).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
                }
            }
        }
        Set<String> liveNodes = chaosMesh ? listNodes().stream().map(Resources::name).collect(Collectors.toSet()) : Set.of();
        for (Pod pod : listPods()) {
            String owner = Optional.ofNullable(pod.getMetadata().getLabels()).map(l -> l.get(Resources.LABEL_CONTROLLED_BY)).orElse("");
            if (pod.getMetadata().getDeletionTimestamp() == null && !liveNodes.contains(owner)) {
                delete("pods", "pod/" + pod.getMetadata().getName(),
                        () -> client.pods().inNamespace(handle.namespace()).withName(pod.getMetadata().getName()).delete());
            }
        }
        if (chaosMesh) {
            awaitGone("WorkflowNodes", () -> cluster.nodeOps(handle).withLabel(Resources.LABEL_WORKFLOW, handle.name()).informOnCondition(List::isEmpty),
                    "workflownodes", giveUpAt);
        }
        awaitGone("pods", () -> client.pods().inNamespace(handle.namespace()).withLabel(target.policy().podLabel(), handle.name())
                .informOnCondition(List::isEmpty), "pods", giveUpAt);

        boolean workflowDeleted = readable && leftovers(allowed);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (problems.isEmpty() && took.compareTo(SLOW) > 0) {
            notes.add("the delete took " + took.toSeconds() + "s (the Task pods' graceful termination); everything was gone within the "
                    + allowed.toSeconds() + "s allowed");
        }
        return new CleanupReport(abortRequested, workflowDeleted, swept, problems, notes);
    }

    /** Names what is still there; true when the Workflow itself is gone. */
    private boolean leftovers(Duration allowed) {
        String after = " still there " + allowed.toSeconds() + "s after the delete";
        boolean workflowGone = true;
        try {
            GenericKubernetesResource wf = calls.call("GET", target.workflow().getPlural(), "reading Workflow " + handle,
                    () -> cluster.workflows(handle, target).withName(handle.name()).get());
            if (wf != null) {
                workflowGone = false;
                problems.add("workflow/" + handle.name() + after + state(wf));
            }
        } catch (RuntimeException e) {
            problems.add("could not confirm the deletion of " + handle + ": " + e.getMessage());
            workflowGone = false;
        }
        if (target.policy().readsNodes()) {
            listNodes().forEach(n -> problems.add("workflownode/" + Resources.name(n) + after + state(n)));
        }
        listPods().forEach(p -> problems.add("pod/" + p.getMetadata().getName() + after + state(p)));
        return workflowGone;
    }

    private static String state(HasMetadata o) {
        if (o.getMetadata().getDeletionTimestamp() == null) {
            return " (not being deleted)";
        }
        List<String> finalizers = o.getMetadata().getFinalizers();
        return " (deleting since " + o.getMetadata().getDeletionTimestamp()
                + (finalizers == null || finalizers.isEmpty() ? "" : ", finalizers " + finalizers) + ")";
    }

    private boolean abort(String reason) {
        String safeReason = reason.replaceAll("[^a-z0-9-]", "-");
        String patch = target.policy().readsNodes()
                ? "{\"metadata\":{\"annotations\":{\"" + Resources.ANNOTATION_ABORT + "\":\"true\",\""
                        + ChaosMeshOutcomePolicy.ANNOTATION_ABORT_REASON + "\":\"" + safeReason + "\"}}}"
                : "{\"spec\":{\"shutdown\":\"Terminate\"}}";
        try {
            calls.call("PATCH", target.workflow().getPlural(), "aborting Workflow " + handle,
                    () -> cluster.workflows(handle, target).withName(handle.name()).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
            return true;
        } catch (RuntimeException e) {
            problems.add("could not request the abort of " + handle + ": " + e.getMessage());
            return false;
        }
    }

    private void deleteWorkflow() {
        try {
            calls.call("DELETE", target.workflow().getPlural(), "deleting Workflow " + handle, () -> cluster.workflows(handle, target)
                    .withName(handle.name()).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete());
        } catch (RuntimeException e) {
            problems.add("could not delete the Workflow " + handle + ": " + e.getMessage());
        }
    }

    private void delete(String resource, String name, Runnable request) {
        try {
            calls.call("DELETE", resource, "deleting " + name, () -> {
                request.run();
                return null;
            });
            swept.add(name);
        } catch (RuntimeException e) {
            problems.add("could not delete " + name + ": " + e.getMessage());
        }
    }

    /** Waits on a watch until the listing is empty, at most until {@code giveUpAt}; what is left is named later. */
    private void awaitGone(String what, java.util.function.Supplier<java.util.concurrent.CompletableFuture<? extends List<?>>> inform,
                           String resource, long giveUpAt) {
        long left = giveUpAt - System.nanoTime();
        if (left <= 0) {
            return;
        }
        calls.count("WATCH", resource);
        java.util.concurrent.CompletableFuture<? extends List<?>> gone = null;
        try {
            gone = inform.get();
            gone.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Named one by one by leftovers().
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            notes.add("could not watch the " + what + " of " + handle + " go: " + e.getMessage());
        } finally {
            if (gone != null) {
                gone.cancel(true);
            }
        }
    }

    private List<GenericKubernetesResource> listNodes() {
        try {
            return calls.call("LIST", "workflownodes", "listing the WorkflowNodes of " + handle,
                    () -> cluster.nodeOps(handle).withLabel(Resources.LABEL_WORKFLOW, handle.name()).list()).getItems();
        } catch (RuntimeException e) {
            problems.add("could not list the WorkflowNodes of " + handle + ": " + e.getMessage());
            return List.of();
        }
    }

    private List<Pod> listPods() {
        try {
            return calls.call("LIST", "pods", "listing the pods of " + handle,
                    () -> client.pods().inNamespace(handle.namespace()).withLabel(target.policy().podLabel(), handle.name()).list()).getItems();
        } catch (RuntimeException e) {
            problems.add("could not list the pods of " + handle + ": " + e.getMessage());
            return List.of();
        }
    }

    static Duration allowed(Duration bound, List<Pod> pods) {
        if (pods.isEmpty()) {
            return bound;
        }
        Duration needed = longestGrace(pods).plus(MARGIN);
        return needed.compareTo(bound) > 0 ? needed : bound;
    }

    static Duration longestGrace(List<Pod> pods) {
        return pods.stream()
                .map(p -> p.getSpec() == null ? null : p.getSpec().getTerminationGracePeriodSeconds())
                .map(s -> s == null ? DEFAULT_POD_GRACE : Duration.ofSeconds(s))
                .max(Duration::compareTo).orElse(DEFAULT_POD_GRACE);
    }
}
