package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.ApiRequestCounts;
import dev.workflowrun.domain.cluster.ClusterException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every API request the adapter makes goes through here: it is counted by verb and resource,
 * and 429 and 5xx answers (and lost connections and timeouts) are retried with bounded exponential backoff,
 * honouring the server's {@code retryAfterSeconds}, until the retry budget is spent. The client
 * is expected not to retry on its own ({@code requestRetryBackoffLimit = 0}), so each attempt is
 * one counted request.
 */
final class KubernetesCalls {

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Duration retryBudget;
    private final Consumer<String> retryNotices;

    KubernetesCalls(Duration retryBudget) {
        this(retryBudget, notice -> { });
    }

    KubernetesCalls(Duration retryBudget, Consumer<String> retryNotices) {
        this.retryBudget = retryBudget;
        this.retryNotices = retryNotices;
    }

    /** A phase (capture, cleanup) and when its bound is spent, as {@link System#nanoTime()}. */
    private record Phase(String name, Duration bound, Duration margin, long endsAt) {

        /** The bound as the user set it, and the margin added to it, if any: {@code 15s (+10s to report)}. */
        String says() {
            return bound.toSeconds() + "s" + (margin.isZero() ? "" : " (+" + margin.toSeconds() + "s to report)");
        }
    }

    /** The phase the calling thread is in, if any: its bound caps every call's retries. */
    private final ThreadLocal<Phase> phase = new ThreadLocal<>();

    /** Says, while a request has had no answer for a while, which request it is and what bounds the wait. */
    private static final java.util.concurrent.ScheduledExecutorService SLOW_NOTICES =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "workflow-run-api-slow");
                t.setDaemon(true);
                return t;
            });
    static final Duration SLOW_REQUEST = Duration.ofSeconds(5);

    /**
     * Runs {@code body} as the phase {@code name}, bounded by {@code bound}: no call in it retries past the
     * bound, and once it is spent the calls left are not even made (they fail at once, saying so).
     */
    <T> T within(String name, Duration bound, Supplier<T> body) {
        Phase outer = phase.get();
        phase.set(new Phase(name, bound, Duration.ZERO, System.nanoTime() + bound.toNanos()));
        try {
            return body.get();
        } finally {
            if (outer == null) {
                phase.remove();
            } else {
                phase.set(outer);
            }
        }
    }

    /** Moves the current phase's end (cleanup raises its bound once it knows the pods' grace period). */
    void extendPhase(Duration bound, Duration margin, long startedAt) {
        Phase current = phase.get();
        if (current != null) {
            phase.set(new Phase(current.name(), bound, margin, startedAt + bound.plus(margin).toNanos()));
        }
    }

    /** Runs {@code request}, counted as {@code verb resource}; {@code what} names it in errors. */
    <T> T call(String verb, String resource, String what, Supplier<T> request) {
        Phase current = phase.get();
        long budgetEnd = System.nanoTime() + retryBudget.toNanos();
        boolean phaseLimits = current != null && current.endsAt() < budgetEnd;
        long giveUpAt = phaseLimits ? current.endsAt() : budgetEnd;
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            if (current != null && System.nanoTime() >= current.endsAt()) {
                throw new ClusterException(what + " was not attempted: the " + current.name() + " bound of " + current.says()
                        + " is spent");
            }
            count(verb, resource);
            long started = System.nanoTime();
            java.util.concurrent.ScheduledFuture<?> slow = SLOW_NOTICES.scheduleAtFixedRate(() -> retryNotices.accept(what
                    + ": no answer from the API server for " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s"
                    + (current == null ? "" : "; the " + current.name() + " gives up within its bound of " + current.says())
                    + " (retry budget " + retryBudget.toSeconds() + " s per request)"), SLOW_REQUEST.toMillis(), 2 * SLOW_REQUEST.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            try {
                return request.get();
            } catch (KubernetesClientException e) {
                slow.cancel(false);
                if (!retryable(e)) {
                    throw e;
                }
                Duration wait = e.getCode() == 429 ? retryAfter(e).orElse(backoff) : backoff;
                if (System.nanoTime() + wait.toNanos() > giveUpAt) {
                    throw new ClusterException(what + " failed after " + attempt + " attempt(s) within the "
                            + (phaseLimits ? current.name() + " bound of " + current.says() : "retry budget of "
                            + retryBudget.toSeconds() + "s") + ": " + describe(e)
                            + "; check the API server's health" + (phaseLimits ? "" : ", or raise --api-retry-budget"), e);
                }
                retryNotices.accept(what + ": attempt " + attempt + " failed (" + describe(e) + "); retrying in " + wait.toMillis()
                        + " ms, " + Math.max(0, Duration.ofNanos(giveUpAt - System.nanoTime()).toSeconds()) + " s of the retry budget left");
                pause(wait);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                slow.cancel(false);
            }
        }
    }

    /** Counts a request made outside {@link #call} (e.g. one fabric8 makes inside a wait). */
    void count(String verb, String resource) {
        counts.computeIfAbsent(verb + " " + resource, k -> new LongAdder()).increment();
    }

    ApiRequestCounts snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return new ApiRequestCounts(out);
    }

    static boolean retryable(KubernetesClientException e) {
        int code = e.getCode();
        // A request that timed out is retried too: reads are safe to repeat, a repeated create is answered 409 and
        // adopted, a repeated delete 404. An API server (or a load balancer) that stalls for a while is then survived.
        return code == 429 || code >= 500
                || (code <= 0 && (e.getCause() instanceof java.io.IOException || e.getCause() instanceof java.util.concurrent.TimeoutException));
    }

    static String describe(KubernetesClientException e) {
        Status status = e.getStatus();
        String message = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        return (e.getCode() > 0 ? "HTTP " + e.getCode() + " " : "") + message;
    }

    private static Optional<Duration> retryAfter(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status == null || status.getDetails() == null || status.getDetails().getRetryAfterSeconds() == null) {
            return Optional.empty();
        }
        // Honour the server, within reason: a minute at most per wait.
        return Optional.of(Duration.ofSeconds(Math.min(60, Math.max(0, status.getDetails().getRetryAfterSeconds()))));
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while backing off before retrying an API request", e);
        }
    }
}
