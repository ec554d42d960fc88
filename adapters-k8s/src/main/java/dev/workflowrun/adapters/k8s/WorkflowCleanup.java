package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
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
 *   <li>Once the Workflow is gone, the nodes and pods still labelled with its name are listed (one
 *       list each) and swept: nodes first (with {@code Background}, so a node goes at once), then only
 *       pods whose node is gone. <b>A Task pod is never deleted while its node exists</b>: the controller
 *       creates a new pod for a Task node without one, even a finished node (upstream issue #4878),
 *       which runs the Task's script again. When both lists are empty (the garbage collector removed
 *       everything with the Workflow, as it does on a passing run) cleanup is done: nothing is waited
 *       on or listed again.</li>
 * </ol>
 *
 * <p>What the adapter has just seen is not asked again: a run whose wait ended with a verdict is over
 * (no abort, so no read of the Workflow and its nodes to decide one), and the pods the capture listed
 * give the grace period.
 *
 * <p>The whole is bounded by {@code max(bound, longest grace period of the run's running pods + margin)}: no
 * cluster can delete a running pod faster than its grace period, so a shorter bound would report a normal
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

    private final RunObjects run;
    private final RunMemory memory;
    private final KubernetesCalls calls;
    private final WorkflowHandle handle;
    private final Target target;
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> swept = new ArrayList<>();

    WorkflowCleanup(RunObjects run, RunMemory memory) {
        this.run = run;
        this.memory = memory;
        this.calls = run.calls();
        this.handle = run.handle();
        this.target = run.target();
    }

    CleanupReport run(Duration bound, String abortReason) {
        long started = System.nanoTime();
        List<Pod> podsAtStart = memory.pods().orElseGet(() -> listed(run.podKind()));
        Duration allowed = allowed(bound, podsAtStart);
        long giveUpAt = started + allowed.toNanos();
        // The wait is bounded by `allowed`; naming what is left afterwards takes a few requests more.
        calls.extendPhase(allowed, REPORT_MARGIN, started);
        if (allowed.compareTo(bound) > 0) {
            notes.add("cleanup bound raised from " + bound.toSeconds() + "s to " + allowed.toSeconds()
                    + "s: the running Task pods' grace period is " + longestGrace(podsAtStart.stream().filter(WorkflowCleanup::mayStillRun).toList())
                    .toSeconds() + "s and no cluster deletes a running pod faster");
        }

        Stop stop = stopWorkflow(abortReason, giveUpAt);
        // Gone after this cleanup's own foreground delete: the garbage collector removed every object the Workflow
        // owns before it let the Workflow go, and the last listing holds nothing the Workflow does not own.
        boolean nothingLeft = stop.collected() && memory.lastListing().map(RunMemory.Listing::allOwned).orElse(false) || sweep(giveUpAt);
        boolean workflowDeleted = stop.readable() && (stop.gone() || workflowGoneAfter(allowed));
        if (!nothingLeft) {
            nameLeftovers(allowed);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (problems.isEmpty() && took.compareTo(SLOW) > 0) {
            notes.add("the delete took " + took.toSeconds() + "s (the Task pods' graceful termination); everything was gone within the "
                    + allowed.toSeconds() + "s allowed");
        }
        return new CleanupReport(stop.abortRequested(), workflowDeleted, swept, problems, notes);
    }

    /**
     * How stopping the Workflow went: could it be read, was an abort requested, is it known to be gone, and
     * did this cleanup's own foreground delete remove it (then the garbage collector has removed its tree).
     */
    private record Stop(boolean readable, boolean abortRequested, boolean gone, boolean collected) {
    }

    /**
     * Abort unless the run is over, then a foreground delete, waited on until the Workflow is gone (bounded).
     * The watch is opened before the delete, so its going cannot be missed however fast the garbage collector is.
     */
    private Stop stopWorkflow(String abortReason, long giveUpAt) {
        boolean abortRequested = false;
        if (!memory.knownOver()) {
            Optional<GenericKubernetesResource> wf;
            try {
                wf = run.readWorkflow();
            } catch (RuntimeException e) {
                problems.add("could not read the Workflow before aborting it: " + e.getMessage());
                return new Stop(false, false, false, false);
            }
            if (wf.isEmpty()) {
                return new Stop(true, false, true, false);
            }
            List<GenericKubernetesResource> nodes = target.readsNodes() ? listed(run.nodeKind()) : List.of();
            if (!target.policy().isTerminal(wf.get(), nodes)) {
                abortRequested = abort(abortReason);
            }
        }
        // The wait's watch when it still stands; otherwise one opened now, before the delete, so the going cannot be missed.
        Optional<LiveWorkflow> live = memory.live().filter(LiveWorkflow::healthy).or(this::watchFromNow);
        try {
            Optional<Boolean> found = deleteWorkflow();
            if (found.isPresent() && !found.get()) {
                return new Stop(true, abortRequested, true, false);
            }
            boolean seenGone = live.isPresent()
                    ? awaitGone("Workflow", live.get()::gone, giveUpAt)
                    : awaitGone("Workflow", informGone(target.workflow().getPlural(), () -> run.workflow().informOnCondition(List::isEmpty)), giveUpAt);
            return new Stop(true, abortRequested, seenGone, seenGone && found.isPresent());
        } finally {
            live.ifPresent(LiveWorkflow::close);
            memory.keep(null);
        }
    }

    private Optional<LiveWorkflow> watchFromNow() {
        try {
            return Optional.of(LiveWorkflow.fromNow(run));
        } catch (RuntimeException e) {
            notes.add("could not watch the Workflow " + handle + " go: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Sweeps what the garbage collector left (none on some clusters, slow on others): nodes, then pods no live
     * node owns, then waits until both are gone. True when nothing was left to sweep.
     */
    private boolean sweep(long giveUpAt) {
        RunObjects.Kind<GenericKubernetesResource> nodeKind = run.nodeKind();
        RunObjects.Kind<Pod> podKind = run.podKind();
        List<GenericKubernetesResource> nodes = target.readsNodes() ? listed(nodeKind) : List.of();
        List<Pod> pods = listed(podKind);
        if (nodes.isEmpty() && pods.isEmpty()) {
            return true;
        }
        deleteAll(nodeKind, nodes, node -> false);
        // A pod is deleted only when its node is gone: the controller would create another one (issue #4878).
        Set<String> liveNodes = nodes.isEmpty() ? Set.of() : listed(nodeKind).stream().map(Resources::name).collect(Collectors.toSet());
        deleteAll(podKind, pods, pod -> liveNodes.contains(Optional.ofNullable(pod.getMetadata().getLabels())
                .map(l -> l.get(Resources.LABEL_CONTROLLED_BY)).orElse("")));
        if (target.readsNodes()) {
            awaitGone("WorkflowNodes", informGone(nodeKind.plural(), nodeKind.gone()), giveUpAt);
        }
        awaitGone("pods", informGone(podKind.plural(), podKind.gone()), giveUpAt);
        return false;
    }

    /** Deletes each listed object that is not being deleted already, unless {@code keep} says to leave it to the garbage collector. */
    private <T extends HasMetadata> void deleteAll(RunObjects.Kind<T> kind, List<T> listed, Predicate<T> keep) {
        for (T object : listed) {
            if (object.getMetadata().getDeletionTimestamp() == null && !keep.test(object)) {
                String name = kind.singular() + "/" + object.getMetadata().getName();
                try {
                    calls.call("DELETE", kind.plural(), "deleting " + name, () -> {
                        kind.delete().accept(object.getMetadata().getName());
                        return null;
                    });
                    swept.add(name);
                } catch (RuntimeException e) {
                    problems.add("could not delete " + name + ": " + e.getMessage());
                }
            }
        }
    }

    /** Whether the Workflow is gone, read once more after its wait did not see it go. */
    private boolean workflowGoneAfter(Duration allowed) {
        try {
            Optional<GenericKubernetesResource> wf = run.readWorkflow();
            wf.ifPresent(w -> problems.add("workflow/" + handle.name() + " still there " + allowed.toSeconds() + "s after the delete" + state(w)));
            return wf.isEmpty();
        } catch (RuntimeException e) {
            problems.add("could not confirm the deletion of " + handle + ": " + e.getMessage());
            return false;
        }
    }

    /** Names every node and pod still there, one problem each. */
    private void nameLeftovers(Duration allowed) {
        String after = " still there " + allowed.toSeconds() + "s after the delete";
        List<RunObjects.Kind<? extends HasMetadata>> kinds = target.readsNodes() ? List.of(run.nodeKind(), run.podKind()) : List.of(run.podKind());
        for (RunObjects.Kind<? extends HasMetadata> kind : kinds) {
            listed(kind).forEach(o -> problems.add(kind.singular() + "/" + o.getMetadata().getName() + after + state(o)));
        }
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
        String patch = target.readsNodes()
                ? "{\"metadata\":{\"annotations\":{\"" + Resources.ANNOTATION_ABORT + "\":\"true\",\""
                        + ChaosMeshOutcomePolicy.ANNOTATION_ABORT_REASON + "\":\"" + safeReason + "\"}}}"
                : "{\"spec\":{\"shutdown\":\"Terminate\"}}";
        try {
            calls.call("PATCH", target.workflow().getPlural(), "aborting Workflow " + handle,
                    () -> run.workflow().patch(PatchContext.of(PatchType.JSON_MERGE), patch));
            return true;
        } catch (RuntimeException e) {
            problems.add("could not request the abort of " + handle + ": " + e.getMessage());
            return false;
        }
    }

    /** The foreground DELETE: whether it found the Workflow (a 404 is no error: it is gone), empty when it failed. */
    private Optional<Boolean> deleteWorkflow() {
        try {
            return Optional.of(!calls.call("DELETE", target.workflow().getPlural(), "deleting Workflow " + handle,
                    () -> run.workflow().withPropagationPolicy(DeletionPropagation.FOREGROUND).delete()).isEmpty());
        } catch (RuntimeException e) {
            problems.add("could not delete the Workflow " + handle + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** An inform until a listing is empty (a LIST, then a WATCH: counted as both). */
    private <T> Supplier<CompletableFuture<T>> informGone(String resource, Supplier<CompletableFuture<T>> inform) {
        return () -> {
            calls.count("LIST", resource);
            calls.count("WATCH", resource);
            return inform.get();
        };
    }

    /** Waits until {@code gone} completes, at most until {@code giveUpAt}; true when it did. What is left is named later. */
    private boolean awaitGone(String what, Supplier<? extends CompletableFuture<?>> gone, long giveUpAt) {
        long left = giveUpAt - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        CompletableFuture<?> waiting = null;
        try {
            waiting = gone.get();
            waiting.get(left, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | RuntimeException e) {
            notes.add("could not watch the " + what + " of " + handle + " go: " + e.getMessage());
            return false;
        } finally {
            if (waiting != null) {
                waiting.cancel(true);
            }
        }
    }

    /** One list of the run's objects of a kind; a failed list is a problem and counts as empty. */
    private <T extends HasMetadata> List<T> listed(RunObjects.Kind<T> kind) {
        try {
            return kind.list().get();
        } catch (RuntimeException e) {
            problems.add("could not list the " + kind.plural() + " of " + handle + ": " + e.getMessage());
            return List.of();
        }
    }

    /**
     * The bound, raised to the longest grace period of the pods still running plus the margin: a pod whose
     * containers have all ended ({@code Succeeded}, {@code Failed}) has nothing to stop and goes at once.
     */
    static Duration allowed(Duration bound, List<Pod> pods) {
        List<Pod> running = pods.stream().filter(WorkflowCleanup::mayStillRun).toList();
        if (running.isEmpty()) {
            return bound;
        }
        Duration needed = longestGrace(running).plus(MARGIN);
        return needed.compareTo(bound) > 0 ? needed : bound;
    }

    private static boolean mayStillRun(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    static Duration longestGrace(List<Pod> pods) {
        return pods.stream()
                .map(p -> p.getSpec() == null ? null : p.getSpec().getTerminationGracePeriodSeconds())
                .map(s -> s == null ? DEFAULT_POD_GRACE : Duration.ofSeconds(s))
                .max(Duration::compareTo).orElse(DEFAULT_POD_GRACE);
    }
}
