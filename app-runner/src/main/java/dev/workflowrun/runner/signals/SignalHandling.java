package dev.workflowrun.runner.signals;

import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.domain.signal.Cancellation;
import sun.misc.Signal;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGTERM and SIGINT during a run (pod eviction, {@code activeDeadlineSeconds}, Ctrl-C).
 *
 * <p>The first signal cancels the run's {@link Cancellation}: the core then aborts the Workflow,
 * captures, cleans up and publishes, and the run returns exit 4. If that has not finished within
 * the grace (default 25 s, under Kubernetes' default 30 s termination grace), or when a second
 * signal arrives, the process flushes what it has locally and exits 4 at once: the kubelet's
 * SIGKILL would otherwise lose even that.
 *
 * <p>{@code sun.misc.Signal} (module {@code jdk.unsupported}) is the only JDK way to handle a
 * signal without the JVM starting to exit; a shutdown hook is the fallback where it is refused.
 */
public final class SignalHandling {

    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(75);
    private static final List<String> SIGNALS = List.of("TERM", "INT");
    /** Signals the JVM let this process handle (the handler is installed once, for the process's life). */
    private static final Set<String> HANDLED = new HashSet<>();
    /** The signal handling that receives the process's signals: the one created last (one per process outside tests). */
    private static volatile SignalHandling current;

    private final ProcessExit exit;
    private final Object lock = new Object();
    private Scope active;
    private boolean finishedOnce;
    private String pending;
    private PrintWriter lastErr;

    public SignalHandling(ProcessExit exit) {
        this.exit = exit;
    }

    /**
     * Installs the process's handlers before anything else runs. A signal before the run is held, and the run
     * starts cancelled (nothing applied, temporary files removed, exit 4); a signal after the run finished is
     * said and ignored, so the process keeps the run's exit code instead of dying with 143.
     */
    public void installEarly() {
        current = this;
        installProcessHandlers();
    }

    private static synchronized void installProcessHandlers() {
        for (String name : SIGNALS) {
            if (HANDLED.contains(name)) {
                continue;
            }
            try {
                Signal.handle(new Signal(name), signal -> dispatch("SIG" + name));
                HANDLED.add(name);
            } catch (IllegalArgumentException e) {
                // The JVM or the shell keeps this signal (-Xrs, or SIGINT ignored in a background job): each scope then
                // falls back to a shutdown hook, which still lets the run abort, capture, clean up and publish.
            }
        }
    }

    private static synchronized boolean allHandled() {
        return HANDLED.containsAll(SIGNALS);
    }

    private static void dispatch(String signal) {
        SignalHandling handling = current;
        if (handling != null) {
            handling.receive(signal);
        }
    }

    /** What a signal does outside and inside a run; public so it can be exercised without signalling the JVM. */
    public void receive(String signal) {
        Scope scope;
        synchronized (lock) {
            scope = active;
            if (scope == null) {
                if (finishedOnce) {
                    if (lastErr != null) {
                        lastErr.println("workflow-run: received " + signal + " after the run finished; keeping its exit code");
                        lastErr.flush();
                    }
                } else if (pending == null) {
                    pending = signal;
                }
                return;
            }
        }
        scope.deliver(signal);
    }

    /**
     * Watches for signals until the returned scope is closed (when the run has returned).
     *
     * @param localFlush writes whatever can be written locally (the output so far) before a forced exit
     */
    public Scope watch(Cancellation cancellation, Duration grace, Runnable localFlush, PrintWriter err) {
        current = this;
        installProcessHandlers();
        Scope scope = new Scope(cancellation, grace, localFlush, err);
        scope.install();
        String held;
        synchronized (lock) {
            active = scope;
            held = pending;
            pending = null;
        }
        if (held != null) {
            scope.deliver(held);
        }
        return scope;
    }

    public final class Scope implements AutoCloseable {
        private final Cancellation cancellation;
        private final Duration grace;
        private final Runnable localFlush;
        private final PrintWriter err;
        private final CountDownLatch finished = new CountDownLatch(1);
        private final AtomicInteger received = new AtomicInteger();
        private Thread hook;

        private Scope(Cancellation cancellation, Duration grace, Runnable localFlush, PrintWriter err) {
            this.cancellation = cancellation;
            this.grace = grace;
            this.localFlush = localFlush;
            this.err = err;
        }

        private void install() {
            if (!allHandled()) {
                installShutdownHook();
            }
        }

        private synchronized void installShutdownHook() {
            if (hook != null) {
                return;
            }
            hook = new Thread(() -> {
                deliverQuietly("shutdown");
                awaitFinishedWithinGrace();
            }, "workflow-run-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        /** What a signal does; public so the behaviour can be exercised without signalling the JVM. */
        public void deliver(String signal) {
            int count = received.incrementAndGet();
            if (count == 1) {
                err.println("workflow-run: received " + signal + ": aborting the Workflow, then capture, cleanup and publication within "
                        + grace.toSeconds() + "s; send it again to exit at once");
                err.flush();
                cancellation.cancel(signal);
                Thread watchdog = new Thread(() -> {
                    if (!awaitFinishedWithinGrace()) {
                        forceExit("the grace of " + grace.toSeconds() + "s passed");
                    }
                }, "workflow-run-grace");
                watchdog.setDaemon(true);
                watchdog.start();
            } else if (finished.getCount() > 0) {
                forceExit("a second " + signal);
            }
        }

        private void deliverQuietly(String why) {
            if (received.get() == 0 && finished.getCount() > 0) {
                received.incrementAndGet();
                cancellation.cancel(why);
            }
        }

        private boolean awaitFinishedWithinGrace() {
            try {
                return finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private void forceExit(String why) {
            if (finished.getCount() == 0) {
                return;
            }
            err.println("workflow-run: " + why + "; flushing locally and exiting " + ExitCode.INTERRUPTED.code());
            try {
                localFlush.run();
            } catch (RuntimeException e) {
                err.println("workflow-run: the local flush failed: " + e.getMessage());
            }
            err.flush();
            exit.exit(ExitCode.INTERRUPTED.code());
        }

        public int signalsReceived() {
            return received.get();
        }

        @Override
        public void close() {
            finished.countDown();
            synchronized (lock) {
                if (active == this) {
                    active = null;
                }
                finishedOnce = true;
                lastErr = err;
            }
            synchronized (this) {
                if (hook != null) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException e) {
                        // Already shutting down: the hook is running and will see the run finished.
                    }
                    hook = null;
                }
            }
        }
    }
}
