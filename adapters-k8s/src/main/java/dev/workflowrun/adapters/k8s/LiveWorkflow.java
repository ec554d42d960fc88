package dev.workflowrun.adapters.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A watch of one run's Workflow that outlives the wait: the wait reads its events, capture takes the
 * Workflow's last state from it, and cleanup sees the Workflow go through it. One watch request for
 * the three steps instead of a watch, a GET and another watch.
 */
final class LiveWorkflow implements AutoCloseable {

    /** Who hears the events while a wait is on. */
    interface Listener {
        void event(Watcher.Action action, GenericKubernetesResource workflow);

        void lost(Optional<WatcherException> cause);
    }

    /** How long the wait gives the controller to write the Workflow's own end after the nodes said the run is over. */
    static final Duration SETTLING = Duration.ofSeconds(2);

    private static final Listener NOBODY = new Listener() {
        @Override
        public void event(Watcher.Action action, GenericKubernetesResource workflow) {
        }

        @Override
        public void lost(Optional<WatcherException> cause) {
        }
    };

    private final Object changed = new Object();
    private final CompletableFuture<Void> gone = new CompletableFuture<>();
    private volatile GenericKubernetesResource latest;
    private volatile boolean lost;
    private volatile Listener listener = NOBODY;
    private volatile Watch watch;

    private LiveWorkflow(GenericKubernetesResource from) {
        this.latest = from;
    }

    /** Watches the run's Workflow from {@code from} (its resourceVersion): every change after it is heard. */
    static LiveWorkflow open(RunObjects run, GenericKubernetesResource from, Listener listener) {
        return open(run, Optional.of(from), listener);
    }

    /**
     * Watches the run's Workflow from now on, for its deletion only: an API server starts a watch without a
     * resourceVersion with an {@code ADDED} event for the Workflow if it exists, so nothing is missed after this returns.
     */
    static LiveWorkflow fromNow(RunObjects run) {
        return open(run, Optional.empty(), NOBODY);
    }

    private static LiveWorkflow open(RunObjects run, Optional<GenericKubernetesResource> from, Listener listener) {
        LiveWorkflow live = new LiveWorkflow(from.orElse(null));
        live.listener = listener;
        String plural = run.target().workflow().getPlural();
        live.watch = run.calls().call("WATCH", plural, "watching Workflow " + run.handle(), () -> run.workflow()
                .watch(new ListOptionsBuilder().withResourceVersion(from.map(f -> f.getMetadata().getResourceVersion()).orElse(null)).build(),
                        live.watcher()));
        return live;
    }

    private Watcher<GenericKubernetesResource> watcher() {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                if (action == Action.DELETED) {
                    gone.complete(null);
                } else if (action == Action.ADDED || action == Action.MODIFIED) {
                    latest = resource;
                }
                synchronized (changed) {
                    changed.notifyAll();
                }
                listener.event(action, resource);
            }

            @Override
            public void onClose(WatcherException cause) {
                lost = true;
                gone.completeExceptionally(cause);
                listener.lost(Optional.ofNullable(cause));
            }

            @Override
            public void onClose() {
                // Closed by us.
            }
        };
    }

    /** Hands the events to {@code next} from now on (the wait), or to nobody. */
    void listen(Optional<Listener> next) {
        listener = next.orElse(NOBODY);
    }

    /** Whether the watch still stands (it was not lost, nor closed). */
    boolean healthy() {
        return !lost && !gone.isDone();
    }

    GenericKubernetesResource latest() {
        return latest;
    }

    /** The Workflow's last state once {@code settled} holds for it, waiting at most {@code atMost}; empty when it did not in time. */
    Optional<GenericKubernetesResource> latestOnce(Predicate<GenericKubernetesResource> settled, Duration atMost) {
        long end = System.nanoTime() + atMost.toNanos();
        synchronized (changed) {
            while (latest == null || !settled.test(latest)) {
                long left = end - System.nanoTime();
                if (left <= 0 || !healthy()) {
                    return Optional.empty();
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            return Optional.of(latest);
        }
    }

    /** Completes when a DELETED event arrives; completes exceptionally when the watch is lost. */
    CompletableFuture<Void> gone() {
        return gone;
    }

    @Override
    public void close() {
        listener = NOBODY;
        Watch w = watch;
        if (w != null) {
            w.close();
        }
    }
}
