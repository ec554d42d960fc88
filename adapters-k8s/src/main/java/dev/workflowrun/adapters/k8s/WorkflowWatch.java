package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.ClusterException;
import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.signal.Cancellation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One wait for a run's outcome: a watch of the Workflow (from the version apply wrote, or after a
 * GET; a {@link LiveWorkflow} that stays open for capture and cleanup), and one of its WorkflowNodes, relisting when a watch is lost; once the policy says the run
 * is over, the watched nodes (when they show the whole tree ended; else a fresh listing) and one fresh
 * listing of pods decide the verdict.
 *
 * <p>The node watch is opened without a resourceVersion: an API server then starts it with an
 * {@code ADDED} event for every node that exists ("get state and start at most recent"), so no
 * separate list is needed to begin; a watch that is lost starts again the same way.
 */
final class WorkflowWatch implements AutoCloseable {

    private final RunObjects run;
    private final RunMemory memory;
    private final Duration pollInterval;
    private final ProgressListener progressListener;
    private final WorkflowHandle handle;
    private final OutcomePolicy policy;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Map<String, GenericKubernetesResource> nodes = new LinkedHashMap<>();
    private final List<Watch> watches = new ArrayList<>();
    private GenericKubernetesResource workflow;
    private Optional<Progress> lastProgress = Optional.empty();
    private int generation;
    /** When the current watches were opened, and whether the Workflow's watch has said anything since. */
    private long watchingSince;
    private boolean workflowHeard;
    private boolean reread;

    /**
     * A Workflow watch that has said nothing for this long is backed by one GET (once per session): a watch
     * from a version normally hears the Workflow's next status write at once; if it does not, the wait does
     * not rest on the watch alone, as the read-then-watch it replaces did not.
     */
    static final Duration QUIET = Duration.ofSeconds(2);

    private record Received(int generation, boolean isWorkflow, Watcher.Action action, GenericKubernetesResource resource) {
    }

    private record Closed(int generation, String kind, Optional<WatcherException> cause) {
    }

    WorkflowWatch(RunObjects run, RunMemory memory, Duration pollInterval, ProgressListener progress) {
        this.run = run;
        this.memory = memory;
        this.pollInterval = pollInterval;
        this.progressListener = progress;
        this.handle = run.handle();
        this.policy = run.target().policy();
    }

    AwaitResult await(Instant until, Cancellation cancellation) {
        memory.waitEnded(Optional.empty());
        Duration backoff = Duration.ofMillis(100);
        watch(memory.workflow());
        while (true) {
            if (policy.isTerminal(workflow, nodes.values())) {
                // The nodes said it first; the controller writes the Workflow's own end just after: wait for it (briefly),
                // so the verdict's evidence, and what capture keeps, is the Workflow as it ends.
                memory.live().flatMap(live -> live.latestOnce(w -> policy.isTerminal(w, List.of()), LiveWorkflow.SETTLING))
                        .ifPresent(settled -> workflow = settled);
                List<GenericKubernetesResource> verdictNodes = policy.readsNodes() ? nodesForTheVerdict() : List.of();
                closeWatches();
                return new AwaitResult.Finished(verdict(verdictNodes));
            }
            reportProgress();
            if (cancellation.isCancelled()) {
                return new AwaitResult.Cancelled(cancellation.reason().orElse("cancelled"));
            }
            long left = Duration.between(Instant.now(), until).toMillis();
            if (left <= 0) {
                return new AwaitResult.StillRunning();
            }
            Object message;
            try {
                message = inbox.poll(Math.min(left, pollInterval.toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new AwaitResult.Cancelled("interrupted while waiting for " + handle);
            }
            List<Object> batch = new ArrayList<>();
            if (message != null) {
                batch.add(message);
                inbox.drainTo(batch);
            }
            boolean lost = false;
            for (Object m : batch) {
                if (m instanceof Received e && e.generation() == generation) {
                    receive(e);
                } else if (m instanceof Closed c && c.generation() == generation) {
                    lost = true;
                }
            }
            if (!workflowHeard && !reread && System.nanoTime() - watchingSince > QUIET.toNanos()) {
                reread = true;
                workflow = run.readWorkflow().orElseThrow(() -> new ClusterException("the Workflow " + handle
                        + " does not exist (any more); it was deleted before the run finished waiting"));
            }
            if (lost) {
                // The watch is gone (410 Gone, or the client gave up reconnecting): read again, then watch from there.
                closeWatches();
                memory.keep(null);
                pauseUnlessCancelled(backoff, cancellation, until);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
                watch(Optional.empty());
            } else if (!batch.isEmpty()) {
                backoff = Duration.ofMillis(100);
            }
        }
    }

    private void receive(Received e) {
        if (e.isWorkflow()) {
            if (e.action() == Watcher.Action.DELETED) {
                throw new ClusterException("the Workflow " + handle + " was deleted by someone else while the run waited for it");
            }
            if (e.action() != Watcher.Action.BOOKMARK && e.action() != Watcher.Action.ERROR) {
                workflowHeard = true;
                workflow = e.resource();
            }
        } else {
            switch (e.action()) {
                case ADDED, MODIFIED -> nodes.put(Resources.name(e.resource()), e.resource());
                case DELETED -> nodes.remove(Resources.name(e.resource()));
                default -> {
                }
            }
        }
    }

    /**
     * Watches the Workflow (the run's live watch when one stands, else from {@code known}, the Workflow as apply
     * wrote it, or from a fresh GET) and the WorkflowNodes.
     */
    private void watch(Optional<GenericKubernetesResource> known) {
        generation++;
        int gen = generation;
        watchingSince = System.nanoTime();
        workflowHeard = false;
        Optional<LiveWorkflow> standing = memory.live().filter(LiveWorkflow::healthy);
        if (standing.isPresent()) {
            workflow = standing.get().latest();
            standing.get().listen(Optional.of(listener(gen)));
        } else {
            workflow = known.orElseGet(() -> run.readWorkflow().orElseThrow(() -> new ClusterException("the Workflow " + handle
                    + " does not exist (any more); it was deleted before the run finished waiting")));
            memory.keep(LiveWorkflow.open(run, workflow, listener(gen)));
        }
        if (policy.readsNodes()) {
            nodes.clear();
            watches.add(run.calls().call("WATCH", "workflownodes", "watching the WorkflowNodes of " + handle,
                    () -> run.nodes().watch(watcher(gen, false, "workflownodes"))));
        }
    }

    private LiveWorkflow.Listener listener(int gen) {
        return new LiveWorkflow.Listener() {
            @Override
            public void event(Watcher.Action action, GenericKubernetesResource resource) {
                inbox.add(new Received(gen, true, action, resource));
            }

            @Override
            public void lost(Optional<WatcherException> cause) {
                inbox.add(new Closed(gen, "workflows", cause));
            }
        };
    }

    private Watcher<GenericKubernetesResource> watcher(int gen, boolean isWorkflow, String kind) {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                inbox.add(new Received(gen, isWorkflow, action, resource));
            }

            @Override
            public void onClose(WatcherException cause) {
                inbox.add(new Closed(gen, kind, Optional.ofNullable(cause)));
            }

            @Override
            public void onClose() {
                // Closed by us.
            }
        };
    }

    private WorkflowVerdict verdict(List<GenericKubernetesResource> freshNodes) {
        List<Pod> pods = run.listPods();
        Optional<List<Event>> events = Optional.empty();
        if (policy.needsEvents(freshNodes)) {
            events = Optional.of(run.calls().call("LIST", "events", "listing the events of " + handle.namespace(),
                    () -> run.client().v1().events().inNamespace(handle.namespace()).list()).getItems());
        }
        memory.waitEnded(Optional.of(new RunMemory.Listing(freshNodes, pods)));
        return policy.verdict(new Evidence(workflow, freshNodes, pods, events));
    }

    /**
     * The node watch's own nodes, once the events it delivers are taken in, when the policy says they show the
     * whole tree ended ({@link OutcomePolicy#watchedNodesSuffice}); otherwise one fresh listing. The watches of
     * different kinds may arrive in any order: when the Workflow's end came first, the node watch is given as
     * long as the Workflow's own end is ({@link LiveWorkflow#SETTLING}) to deliver the entry node's end, which
     * the controller wrote before. Either way in the API server's list order, by name.
     */
    private List<GenericKubernetesResource> nodesForTheVerdict() {
        long giveUpAt = System.nanoTime() + LiveWorkflow.SETTLING.toNanos();
        boolean lost = false;
        List<Object> delivered = new ArrayList<>();
        while (true) {
            inbox.drainTo(delivered);
            for (Object m : delivered) {
                if (m instanceof Received e && e.generation() == generation && !e.isWorkflow()) {
                    receive(e);
                } else if (m instanceof Closed c && c.generation() == generation) {
                    lost = true;
                }
            }
            delivered.clear();
            long left = giveUpAt - System.nanoTime();
            if (lost || policy.nodesCaughtUp(workflow, nodes.values()) || left <= 0) {
                break;
            }
            try {
                Object next = inbox.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                delivered.add(next);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!lost && policy.watchedNodesSuffice(workflow, nodes.values())) {
            return nodes.values().stream().sorted(Comparator.comparing(Resources::name)).toList();
        }
        return run.listNodes();
    }

    private void reportProgress() {
        Progress p = policy.progress(workflow, nodes.values());
        if (lastProgress.isEmpty() || !lastProgress.get().equals(p)) {
            lastProgress = Optional.of(p);
            progressListener.onProgress(p);
        }
    }

    private static void pauseUnlessCancelled(Duration pause, Cancellation cancellation, Instant until) {
        long end = System.nanoTime() + pause.toNanos();
        try {
            while (System.nanoTime() < end && !cancellation.isCancelled() && Instant.now().isBefore(until)) {
                cancellation.await(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the node watch; the Workflow's live watch stays for capture and cleanup, heard by nobody until then. */
    private void closeWatches() {
        watches.forEach(Watch::close);
        watches.clear();
        memory.live().ifPresent(live -> live.listen(Optional.empty()));
    }

    @Override
    public void close() {
        closeWatches();
    }
}
