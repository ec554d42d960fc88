package dev.workflowrun.domain.signal;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A request to stop a run (SIGTERM, SIGINT, an eviction), shared between the thread that
 * receives it and the thread that runs. Waiting adapters check it, or wait on it, and return
 * early; the core then captures, cleans up and publishes as on any other path.
 */
public final class Cancellation {

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final CountDownLatch cancelled = new CountDownLatch(1);

    /** Requests cancellation; the first reason wins. Returns true if this call cancelled. */
    public boolean cancel(String why) {
        if (reason.compareAndSet(null, why)) {
            cancelled.countDown();
            return true;
        }
        return false;
    }

    public boolean isCancelled() {
        return reason.get() != null;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason.get());
    }

    /** Waits up to {@code millis} for cancellation; returns whether the run is cancelled. */
    public boolean await(long millis) throws InterruptedException {
        return cancelled.await(millis, TimeUnit.MILLISECONDS);
    }
}
