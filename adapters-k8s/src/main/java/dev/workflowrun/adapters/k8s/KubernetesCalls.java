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

    /** Runs {@code request}, counted as {@code verb resource}; {@code what} names it in errors. */
    <T> T call(String verb, String resource, String what, Supplier<T> request) {
        long giveUpAt = System.nanoTime() + retryBudget.toNanos();
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            count(verb, resource);
            try {
                return request.get();
            } catch (KubernetesClientException e) {
                if (!retryable(e)) {
                    throw e;
                }
                Duration wait = e.getCode() == 429 ? retryAfter(e).orElse(backoff) : backoff;
                if (System.nanoTime() + wait.toNanos() > giveUpAt) {
                    throw new ClusterException(what + " failed after " + attempt + " attempt(s) within the retry budget of "
                            + retryBudget.toSeconds() + "s: " + describe(e)
                            + "; check the API server's health, or raise --api-retry-budget", e);
                }
                retryNotices.accept(what + ": attempt " + attempt + " failed (" + describe(e) + "); retrying in " + wait.toMillis()
                        + " ms, " + Math.max(0, Duration.ofNanos(giveUpAt - System.nanoTime()).toSeconds()) + " s of the retry budget left");
                pause(wait);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
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
