package dev.workflowrun.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Simulated time, and the one thread that runs every simulation step in simulated-time order.
 *
 * <p>Steps are ordered by simulated time, not by when the wall clock happens to reach them: a
 * Task due at minute 10 always finishes before a deadline at minute 30, however slow the API
 * calls of a busy machine are. The wall clock only paces the steps ({@code speed} simulated
 * seconds per real second), and the time a step spends on API calls is not charged to the
 * simulation. Steps from other threads (informer events) are stamped with the simulated time
 * that has passed since the last step.
 */
final class SimulationClock implements AutoCloseable {

    /** A scheduled step; {@link #cancel()} keeps it from running. */
    static final class Step implements Comparable<Step> {
        private final long at;
        private final long seq;
        private final Runnable action;
        private volatile boolean cancelled;
        private volatile boolean done;

        private Step(long at, long seq, Runnable action) {
            this.at = at;
            this.seq = seq;
            this.action = action;
        }

        void cancel() {
            cancelled = true;
        }

        /** Ran or was cancelled. */
        boolean isDone() {
            return done || cancelled;
        }

        @Override
        public int compareTo(Step o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
        }
    }

    private final double speed;
    private final Instant epoch = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Step> queue = new PriorityQueue<>();
    private final Thread thread;
    private long simulatedNanos;
    private long realAtSimulated = System.nanoTime();
    private long seq;
    private long lastForeignAt;
    private boolean inStep;         // guarded by lock
    private volatile boolean closed;

    SimulationClock(double speed, String name) {
        this.speed = speed;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Runs {@code action} on the simulation thread after {@code simulatedDelay} of simulated time. */
    Step schedule(Duration simulatedDelay, Runnable action) {
        lock.lock();
        try {
            long at = simulatedNow() + Math.max(0, simulatedDelay.toNanos());
            if (Thread.currentThread() != thread) {
                // Steps from other threads (informer events) keep their order: the extrapolated "now" can go back
                // when a slow step ends, and a later event must never run before an earlier one.
                at = Math.max(at, lastForeignAt);
                lastForeignAt = at;
            }
            Step step = new Step(at, seq++, action);
            queue.add(step);
            changed.signalAll();
            return step;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} on the simulation thread, now in simulated time. */
    void execute(Runnable action) {
        schedule(Duration.ZERO, action);
    }

    /** The simulated instant: the wall-clock start of the simulation plus the simulated time since. */
    Instant now() {
        lock.lock();
        try {
            return epoch.plusNanos(simulatedNow()).truncatedTo(ChronoUnit.SECONDS);
        } finally {
            lock.unlock();
        }
    }

    /** The simulated instant, not rounded: for comparing with deadlines. */
    Instant exactNow() {
        lock.lock();
        try {
            return epoch.plusNanos(simulatedNow());
        } finally {
            lock.unlock();
        }
    }

    private long simulatedNow() {
        if (Thread.currentThread() == thread || inStep) {
            // The time a step spends on API calls is not charged to the simulation, for its own steps or anyone else's.
            return simulatedNanos;
        }
        return simulatedNanos + (long) ((System.nanoTime() - realAtSimulated) * speed);
    }

    private void run() {
        while (!closed) {
            Step step;
            lock.lock();
            try {
                step = queue.peek();
                if (step == null) {
                    changed.await();
                    continue;
                }
                long wait = (long) ((step.at - simulatedNanos) / speed) - (System.nanoTime() - realAtSimulated);
                if (wait > 0) {
                    changed.awaitNanos(wait);
                    continue;
                }
                queue.poll();
                simulatedNanos = Math.max(simulatedNanos, step.at);
                inStep = true;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (!step.cancelled) {
                try {
                    step.action.run();
                } catch (RuntimeException e) {
                    // One failing step (e.g. the cluster closing under a test) must not stop the others.
                }
            }
            step.done = true;
            lock.lock();
            try {
                realAtSimulated = System.nanoTime();
                inStep = false;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
