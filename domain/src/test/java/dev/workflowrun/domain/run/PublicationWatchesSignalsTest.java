package dev.workflowrun.domain.run;

import dev.workflowrun.domain.artifacts.Attempt;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.artifacts.PublishedBundle;
import dev.workflowrun.domain.artifacts.RunBundle;
import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.testing.InMemoryArtifactStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 4 while the upload to the store is under way: it runs on its own thread, and a signal
 * that comes before it ends makes the runner keep a copy of the bundle in the fallback at once, so
 * that a forced exit at the end of the signal's grace cannot lose what was captured. A store that
 * fails in a way the port does not declare still ends in the fallback, saying why.
 *
 * <p>The stores here block until the test's latch lets them go: nothing waits on the clock.
 */
class PublicationWatchesSignalsTest {

    private static final WorkflowVerdict PASSED = WorkflowVerdict.of(Outcome.PASSED, "every task exited 0");
    private static final String PREFIX = "nightly/release-test/nightly-42/";

    private static RunScenario useCase(RunFixture f, PublishArtifactsPort store, PublishArtifactsPort fallback) {
        return new RunScenario(new RunPorts(f.source, new FakeManifestReader(), f.cluster, store, fallback, Optional.empty(), f.lintRules,
                f.clock));
    }

    private static RunResult run(RunFixture f, PublishArtifactsPort store, PublishArtifactsPort fallback) {
        return useCase(f, store, fallback).run(f.command(), f.cancellation, f.events::add);
    }

    @Test
    void aSignalThatComesWhileTheRunnerWaitsForTheUploadKeepsACopyInTheFallbackAndTheUploadStillEnds() {
        RunFixture f = new RunFixture().finishing(PASSED);
        f.store.holding(PREFIX + "attempt-1/run.json", "{\n  \"outcome\": \"INFRA_FAILED\"\n}");
        Thread runner = Thread.currentThread();
        Gate copyKept = new Gate();
        GatedStore store = new GatedStore(f.store, () -> {
            // The signal comes once the runner waits for the upload, not before it started.
            waitUntilWaiting(runner);
            f.cancellation.cancel("SIGTERM");
        }, copyKept);
        Notifying fallback = new Notifying(f.fallback, copyKept);

        RunResult result = run(f, store, fallback);

        assertThat(store.released()).as("the store was let go by the copy in the fallback").isTrue();
        assertThat(fallback.publishes()).isEqualTo(1);
        assertThat(f.fallback.objects()).containsKeys(PREFIX + "attempt-1/run.json", PREFIX + "attempt-1/rendered.yaml",
                PREFIX + "attempt-1/workflow.yaml");
        assertThat(f.store.objects()).containsKey(PREFIX + "attempt-2/run.json");
        assertThat(result.publishedToFallback()).isFalse();
        assertThat(result.published()).hasValueSatisfying(p -> assertThat(p.uri()).isEqualTo("s3://" + PREFIX + "attempt-2/"));
        // The result reports the store's attempt, not the copy's number in the fallback.
        assertThat(result.attempt()).isEqualTo(2);
        assertThat(result.bundlePrefix()).isEqualTo(PREFIX + "attempt-2/");
        assertThat(result.earlierAttempts()).extracting(Attempt::number).containsExactly(1);
        assertThat(result.outcome()).contains(Outcome.PASSED);
        assertThat(result.events()).anyMatch(e -> e.level() == RunEvent.Level.WARN
                && e.message().startsWith("signalled while the upload to the store is under way")
                && e.message().contains("fallback://" + PREFIX + "attempt-1/"));
    }

    @Test
    void anUploadThatOutlastsTheSignalIsCopiedToTheFallbackOnceNotOnEveryWait() throws InterruptedException {
        RunFixture f = new RunFixture().finishing(PASSED);
        Thread runner = Thread.currentThread();
        Gate firstCopy = new Gate();
        CountDownLatch secondCopy = new CountDownLatch(2);
        AtomicBoolean anotherCopyCame = new AtomicBoolean();
        GatedStore store = new GatedStore(f.store, () -> {
            waitUntilWaiting(runner);
            f.cancellation.cancel("SIGTERM");
        }, firstCopy) {
            @Override
            void afterRelease() throws InterruptedException {
                // The runner polls every 100 ms: a copy per poll would come within three of them.
                anotherCopyCame.set(secondCopy.await(350, TimeUnit.MILLISECONDS));
            }
        };
        Notifying fallback = new Notifying(f.fallback, firstCopy) {
            @Override
            void published() {
                secondCopy.countDown();
            }
        };

        RunResult result = run(f, store, fallback);

        assertThat(anotherCopyCame).isFalse();
        assertThat(fallback.publishes()).isEqualTo(1);
        assertThat(result.published()).hasValueSatisfying(p -> assertThat(p.uri()).startsWith("s3://"));
    }

    @Test
    void anUploadThatBeganAfterTheSignalIsCopiedToTheFallbackOnceNotOnEveryWait() throws InterruptedException {
        RunFixture f = new RunFixture();
        f.cluster.then((until, cancellation) -> {
            f.cancellation.cancel("SIGTERM");
            return new AwaitResult.Cancelled("SIGTERM");
        });
        Gate firstCopy = new Gate();
        CountDownLatch secondCopy = new CountDownLatch(2);
        AtomicBoolean anotherCopyCame = new AtomicBoolean();
        GatedStore store = new GatedStore(f.store, () -> { }, firstCopy) {
            @Override
            void afterRelease() throws InterruptedException {
                anotherCopyCame.set(secondCopy.await(350, TimeUnit.MILLISECONDS));
            }
        };
        Notifying fallback = new Notifying(f.fallback, firstCopy) {
            @Override
            void published() {
                secondCopy.countDown();
            }
        };

        RunResult result = run(f, store, fallback);

        assertThat(anotherCopyCame).isFalse();
        assertThat(fallback.publishes()).isEqualTo(1);
        assertThat(result.outcome()).contains(Outcome.INTERRUPTED);
        assertThat(result.published()).hasValueSatisfying(p -> assertThat(p.uri()).startsWith("s3://"));
    }

    @Test
    void anAppliedRunThatWasSignalledKeepsACopyInTheFallbackBeforeTheUploadEvenStarts() {
        RunFixture f = new RunFixture();
        f.cluster.then((until, cancellation) -> {
            f.cancellation.cancel("SIGTERM");
            return new AwaitResult.Cancelled("SIGTERM");
        });

        RunResult result = f.run();

        assertThat(result.outcome()).contains(Outcome.INTERRUPTED);
        assertThat(f.fallback.objects()).containsKey(PREFIX + "attempt-1/run.json");
        assertThat(f.store.objects()).containsKey(PREFIX + "attempt-1/run.json");
        assertThat(result.publishedToFallback()).isFalse();
        assertThat(result.bundlePrefix()).isEqualTo(PREFIX + "attempt-1/");
    }

    @Test
    void aRunSignalledBeforeApplyHasNothingToLoseAndGoesToTheStoreAlone() {
        RunFixture f = new RunFixture();
        f.lintRules.add(ctx -> {
            f.cancellation.cancel("SIGTERM");
            return List.of();
        });

        RunResult result = f.run();

        assertThat(result.applied()).isFalse();
        assertThat(result.outcome()).contains(Outcome.INTERRUPTED);
        assertThat(f.store.objects()).containsKey(PREFIX + "attempt-1/run.json");
        assertThat(f.fallback.objects()).isEmpty();
        assertThat(f.fallback.attempts()).isZero();
    }

    @Test
    void aRunThatIsNotSignalledLeavesTheFallbackUntouched() {
        RunFixture f = new RunFixture().finishing(PASSED);

        RunResult result = f.run();

        assertThat(result.exitCode()).isEqualTo(ExitCode.PASSED);
        assertThat(f.store.objects()).containsKey(PREFIX + "attempt-1/run.json");
        assertThat(f.fallback.objects()).isEmpty();
        assertThat(f.fallback.attempts()).isZero();
        assertThat(result.events()).noneMatch(e -> e.message().contains("signalled while the upload"));
    }

    @Test
    void theUploadRunsOnADaemonThreadSoAHangingStoreCannotKeepTheProcessAlive() {
        RunFixture f = new RunFixture().finishing(PASSED);
        AtomicBoolean daemon = new AtomicBoolean();
        AtomicBoolean onTheRunnersThread = new AtomicBoolean(true);
        Thread runner = Thread.currentThread();
        Gate open = new Gate();
        open.release();
        GatedStore store = new GatedStore(f.store, () -> {
            daemon.set(Thread.currentThread().isDaemon());
            onTheRunnersThread.set(Thread.currentThread() == runner);
        }, open);

        RunResult result = run(f, store, f.fallback);

        assertThat(daemon).isTrue();
        assertThat(onTheRunnersThread).isFalse();
        assertThat(result.exitCode()).isEqualTo(ExitCode.PASSED);
    }

    @Test
    void aRunnerInterruptedDuringTheUploadKeepsTheBundleInTheFallbackAndItsInterruptFlag() {
        RunFixture f = new RunFixture();
        f.cluster.then((until, cancellation) -> {
            // Interrupted after the fetch and the wait, as a container runtime or a test harness may do.
            Thread.currentThread().interrupt();
            return new AwaitResult.Finished(PASSED);
        });
        Gate never = new Gate();
        GatedStore store = new GatedStore(f.store, () -> { }, never);
        RunResult result;
        boolean stillInterrupted;
        try {
            result = run(f, store, f.fallback);
        } finally {
            stillInterrupted = Thread.interrupted();
            never.release();
        }

        assertThat(stillInterrupted).isTrue();
        assertThat(result.publishedToFallback()).isTrue();
        assertThat(result.problems()).contains("publication failed: interrupted while publishing");
        assertThat(result.outcome()).contains(Outcome.INFRA_FAILED);
        assertThat(result.reason()).contains("could not be published to the store");
        assertThat(f.fallback.objects()).containsKey(PREFIX + "attempt-1/run.json");
    }

    @Test
    void aStoreFailureIsReportedInTheStoresOwnWords() {
        RunFixture f = new RunFixture().finishing(PASSED);
        f.store.failing();

        RunResult result = f.run();

        assertThat(result.problems()).contains("publication failed: s3 is unavailable (503 SlowDown)");
        assertThat(result.publishedToFallback()).isTrue();
    }

    @Test
    void aStoreThatThrowsACheckedExceptionItDoesNotDeclareStillEndsInTheFallbackSayingWhy() {
        RunFixture f = new RunFixture().finishing(PASSED);
        PublishArtifactsPort sneaky = new PublishArtifactsPort() {
            @Override
            public PublishedBundle publish(BundleLocation location, RunBundle bundle) {
                // A store written in another JVM language, or with Lombok's @SneakyThrows, can do this.
                throw PublicationWatchesSignalsTest.<RuntimeException>sneaky(new IOException("connection reset by peer"));
            }
        };

        RunResult result = run(f, sneaky, f.fallback);

        assertThat(result.problems()).contains("publication failed: java.io.IOException: connection reset by peer");
        assertThat(result.publishedToFallback()).isTrue();
        assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
        assertThat(f.fallback.objects()).containsKey(PREFIX + "attempt-1/run.json");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * Returns once {@code runner} waits with a time limit, which it does only in its wait for the
     * upload (the store is called on the upload's own thread, after the runner started it).
     */
    private static void waitUntilWaiting(Thread runner) {
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runner.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > giveUpAt) {
                throw new IllegalStateException("the runner never waited for the upload");
            }
            Thread.onSpinWait();
        }
    }

    /** Opened once; a closed gate holds an upload for at most 10 s, so a broken runner fails instead of hanging. */
    private static final class Gate {
        private final CountDownLatch latch = new CountDownLatch(1);

        void release() {
            latch.countDown();
        }

        boolean await() throws InterruptedException {
            return latch.await(10, TimeUnit.SECONDS);
        }
    }

    /** The store, with something done at the start of each upload and the upload held until the gate opens. */
    private static class GatedStore implements PublishArtifactsPort {
        private final InMemoryArtifactStore real;
        private final Runnable atStart;
        private final Gate gate;
        private final AtomicBoolean released = new AtomicBoolean();

        GatedStore(InMemoryArtifactStore real, Runnable atStart, Gate gate) {
            this.real = real;
            this.atStart = atStart;
            this.gate = gate;
        }

        @Override
        public PublishedBundle publish(BundleLocation location, RunBundle bundle) {
            atStart.run();
            try {
                released.set(gate.await());
                afterRelease();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return real.publish(location, bundle);
        }

        void afterRelease() throws InterruptedException {
        }

        @Override
        public List<Attempt> attempts(BundleLocation run) {
            return real.attempts(run);
        }

        boolean released() {
            return released.get();
        }
    }

    /** The fallback, opening a gate after each bundle it took. */
    private static class Notifying implements PublishArtifactsPort {
        private final InMemoryArtifactStore real;
        private final Gate gate;
        private final AtomicInteger publishes = new AtomicInteger();

        Notifying(InMemoryArtifactStore real, Gate gate) {
            this.real = real;
            this.gate = gate;
        }

        @Override
        public PublishedBundle publish(BundleLocation location, RunBundle bundle) {
            PublishedBundle published = real.publish(location, bundle);
            publishes.incrementAndGet();
            published();
            gate.release();
            return published;
        }

        void published() {
        }

        @Override
        public List<Attempt> attempts(BundleLocation run) {
            return real.attempts(run);
        }

        int publishes() {
            return publishes.get();
        }
    }
}
