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
}
