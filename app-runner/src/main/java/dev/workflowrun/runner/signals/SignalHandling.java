package dev.workflowrun.runner.signals;

import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.domain.signal.Cancellation;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private final ProcessExit exit;

    public SignalHandling(ProcessExit exit) {
        this.exit = exit;
    }

    /**
     * Watches for signals until the returned scope is closed (when the run has returned).
     *
     * @param localFlush writes whatever can be written locally (the output so far) before a forced exit
     */
    public Scope watch(Cancellation cancellation, Duration grace, Runnable localFlush, PrintWriter err) {
        Scope scope = new Scope(cancellation, grace, localFlush, err);
        scope.install();
        return scope;
    }

    public final class Scope implements AutoCloseable {
        private final Cancellation cancellation;
        private final Duration grace;
        private final Runnable localFlush;
        private final PrintWriter err;
        private final CountDownLatch finished = new CountDownLatch(1);
        private final AtomicInteger received = new AtomicInteger();
        private final List<Runnable> restore = new ArrayList<>();
        private Thread hook;

        private Scope(Cancellation cancellation, Duration grace, Runnable localFlush, PrintWriter err) {
            this.cancellation = cancellation;
            this.grace = grace;
            this.localFlush = localFlush;
            this.err = err;
        }

        private void install() {
            for (String name : SIGNALS) {
                try {
                    SignalHandler previous = Signal.handle(new Signal(name), signal -> deliver("SIG" + name));
                    restore.add(() -> Signal.handle(new Signal(name), previous));
                } catch (IllegalArgumentException e) {
                    // The JVM or the shell keeps this signal (-Xrs, or SIGINT ignored in a background job):
                    // a shutdown hook still lets the run abort, capture, clean up and publish.
                    installShutdownHook();
                }
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
            restore.forEach(Runnable::run);
            synchronized (this) {
                if (hook != null) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException e) {
                        // Already shutting down: the hook is running and will see the run finished.
                    }
                }
            }
        }
    }
}
