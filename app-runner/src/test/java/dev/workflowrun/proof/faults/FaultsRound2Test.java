package dev.workflowrun.proof.faults;

import dev.workflowrun.proof.faults.ProofRig.Ran;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults, second round (docs/RELIABILITY.md, "Round 2: the runner"): a store that hangs when the signal
 * comes, an API server that never answers. Each case asserts nothing lost, nothing left, the exit code,
 * and that every phase keeps to its bound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsRound2Test {

    @TempDir
    Path dir;
    private ProofRig rig;

    @BeforeAll
    void start() throws Exception {
        rig = new ProofRig(Files.createTempDirectory("proof-faults2-"));
    }

    @AfterAll
    void stop() throws Exception {
        rig.close();
    }

    /** A server that accepts connections and never answers: a store, or an API server, that hangs. */
    static final class Silent implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> held = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> firstConnection = new CompletableFuture<>();

        Silent() throws Exception {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            Thread acceptor = new Thread(() -> {
                try {
                    while (!server.isClosed()) {
                        held.add(server.accept());
                        firstConnection.complete(null);
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            }, "silent-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }

    // ------------------------------------------------------------------ #8 SIGTERM while the upload hangs

    @Test
    void sigtermWhileTheUploadHangsKeepsTheWholeBundleInTheFallbackAtOnce() throws Exception {
        try (MockCluster cluster = MockCluster.start(); Silent store = new Silent();
             SimulatedChaosMesh chaos = ProofRig.simulator(cluster, 600, Map.of())) {
            CompletableFuture<Ran> run = CompletableFuture.supplyAsync(() -> rig.run(cluster, cluster.url(), dir, "term-upload",
                    "--s3-endpoint=" + store.url(), "--s3-timeout=60s", "--signal-grace=30s", "--cleanup-bound=15s"));
            store.firstConnection.get(90, TimeUnit.SECONDS);
            long signalled = System.nanoTime();
            ProofRig.sigterm();
            // Well within the grace, and while the upload still hangs: the whole bundle is in the fallback.
            Path attempt = dir.resolve("fallback/nightly/release-test/term-upload/attempt-1");
            FaultInjectionTest.eventually("the bundle in the fallback", () -> Files.exists(attempt.resolve("run.json")));
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(java.time.Duration.ofSeconds(10));
            assertThat(run).as("the upload still hangs").isNotDone();
            assertThat(attempt.resolve("workflow.yaml")).exists();
            assertThat(attempt.resolve("workflownodes.yaml")).exists();
            assertThat(attempt.resolve("pods.yaml")).exists();
            assertThat(attempt.resolve("rendered.yaml")).exists();
            assertThat(attempt.resolve("orchestrator.log")).content().contains("[Captured]", "[CleanedUp]");

            store.close(); // the store gives up: the run ends as it would have
            Ran ran = run.get(90, TimeUnit.SECONDS);
            assertThat(ran.code()).as(ran.summary()).isEqualTo(2);
            assertThat(ran.err()).contains("received SIGTERM", "a copy of the bundle is kept in the fallback");
            assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
        }
    }

    // ------------------------------------------------------------------ #9 an API server that stops answering

    /** From the first request {@code from} matches on, no request gets an answer until the test ends. */
    private static void goSilent(ApiFaults faults, java.util.function.Predicate<io.fabric8.mockwebserver.http.RecordedRequest> from,
                                 java.util.concurrent.CountDownLatch release) {
        java.util.concurrent.atomic.AtomicBoolean silent = new java.util.concurrent.atomic.AtomicBoolean();
        faults.fail(r -> release.getCount() > 0 && (silent.get() || (from.test(r) && !silent.getAndSet(true)) || silent.get()), 0,
                Integer.MAX_VALUE, () -> {
            try {
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ApiFaults.serverError(503);
        });
    }

    /** As {@link ProofRig#run}, with the silent server answering again before the namespace is inspected. */
    private Ran runThenRelease(MockCluster cluster, String runId, java.util.concurrent.CountDownLatch release, String... extra) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = dev.workflowrun.runner.WorkflowRunAccess.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err),
                rig.args(runId, cluster.url(), dir, extra).toArray(String[]::new));
        release.countDown();
        dev.workflowrun.runner.sandbox.Leftovers left = dev.workflowrun.runner.sandbox.Leftovers.in(cluster.client(), ProofRig.NAMESPACE,
                ProofRig.SCENARIO + "-" + runId);
        String prefix = "nightly/" + ProofRig.SCENARIO + "/" + runId + "/attempt-1/";
        return new Ran(code, out.toString(), err.toString(), left, runId, rig.keys(prefix),
                dir.resolve("fallback").resolve("nightly/" + ProofRig.SCENARIO + "/" + runId + "/attempt-1"));
    }

    @Test
    void anApiServerThatStopsAnsweringBeforeAnythingIsWrittenCostsOnlyTheRetryBudget() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (MockCluster cluster = MockCluster.start()) {
            ApiFaults faults = ApiFaults.install(cluster);
            // The pre-flight check is answered; from the apply's first request on, nothing is.
            goSilent(faults, ApiFaults.read("/namespaces/proof/workflows/release-test-"), release);
            long started = System.nanoTime();
            Ran ran = CompletableFuture.supplyAsync(() -> runThenRelease(cluster, "silent-apply", release, "--api-retry-budget=15s",
                    "--cleanup-bound=15s", "--signal-grace=30s")).get(5, TimeUnit.MINUTES);
            java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);

            assertThat(ran.code()).as(ran.summary()).isEqualTo(2);
            assertThat(took).as("the whole run, with a 15 s retry budget\n%s", ran.summary()).isLessThan(java.time.Duration.ofSeconds(60));
            assertThat(ran.err()).as(ran.summary()).contains("no answer from the API server for 5 s", "nothing to capture",
                    "nothing to clean up").doesNotContain("could not list");
            assertThat(faults.mutations()).as("nothing was written").isEmpty();
            assertThat(ran.published()).as(ran.summary()).anyMatch(k -> k.endsWith("/run.json"));
        } finally {
            release.countDown();
        }
    }

    @Test
    void anApiServerThatStopsAnsweringAtTheDeleteIsGivenUpWithinTheCleanupBound() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (MockCluster cluster = MockCluster.start(); SimulatedChaosMesh chaos = ProofRig.simulator(cluster, 600, Map.of())) {
            ApiFaults faults = ApiFaults.install(cluster);
            java.util.concurrent.atomic.AtomicLong cleanupStarted = new java.util.concurrent.atomic.AtomicLong();
            // Capture's last request reads the Chaos Mesh controller's Deployment; from cleanup's first request on, nothing is answered.
            java.util.function.Predicate<io.fabric8.mockwebserver.http.RecordedRequest> controller = ApiFaults.read("/deployments/chaos-controller-manager");
            faults.onFirst(controller, () -> cleanupStarted.set(System.nanoTime()));
            goSilent(faults, controller.negate().and(r -> cleanupStarted.get() != 0), release);
            Ran ran = CompletableFuture.supplyAsync(() -> runThenRelease(cluster, "silent-cleanup", release, "--api-retry-budget=60s",
                    "--cleanup-bound=15s", "--signal-grace=30s")).get(5, TimeUnit.MINUTES);
            long cleanupTook = System.nanoTime() - cleanupStarted.get();

            assertThat(ran.code()).as(ran.summary()).isEqualTo(2);
            // The bound (15 s), the final listing's margin (10 s), and one request's own timeout (10 s) at most.
            assertThat(java.time.Duration.ofNanos(cleanupTook)).as(ran.summary()).isLessThan(java.time.Duration.ofSeconds(40));
            assertThat(ran.err()).as(ran.summary()).contains("cleanup bound of 15s");
            assertThat(ran.published()).as(ran.summary()).anyMatch(k -> k.endsWith("/run.json"));
        } finally {
            release.countDown();
        }
    }
}
