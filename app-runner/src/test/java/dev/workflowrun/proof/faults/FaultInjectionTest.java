package dev.workflowrun.proof.faults;

import dev.workflowrun.proof.faults.ProofRig.Ran;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults injected at each lifecycle state where they can happen, through {@code workflow-run run}
 * in-process against real servers. Every case asserts the three things that matter: nothing is
 * lost (the bundle is in the bucket or the fallback directory), nothing of the run is left in the
 * namespace, and the exit code is the right one. The table in docs/RELIABILITY.md lists these tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {

    private static final String NS_PATH = "/namespaces/" + ProofRig.NAMESPACE + "/";

    /** The states an API fault can hit, each by the first request only that state makes. */
    enum ApiState {
        APPLIED(ApiFaults.request("POST", NS_PATH + "workflows(\\?|$)")),
        WAITING(ApiFaults.watch(NS_PATH + "workflownodes\\?")),
        CAPTURED(ApiFaults.read(NS_PATH + "events")),
        CLEANED_UP(ApiFaults.request("DELETE", NS_PATH + "workflows/"));

        final Predicate<RecordedRequest> firstRequest;

        ApiState(Predicate<RecordedRequest> firstRequest) {
            this.firstRequest = firstRequest;
        }
    }

    @TempDir
    Path work;
    @TempDir
    Path dir;
    private ProofRig rig;

    @BeforeAll
    void start() throws Exception {
        rig = new ProofRig(Files.createTempDirectory("proof-faults-"));
    }

    @AfterAll
    void stop() throws Exception {
        rig.close();
    }

    @AfterEach
    void resetFronts() {
        rig.s3().reset();
        rig.gitFront().cutAfterServerBytes(-1);
    }

    // ------------------------------------------------------------------ API 500/503 bursts, 429

    private Ran runWithApiFault(String runId, ApiState state, int times, Supplier<MockResponse> fault) {
        try (MockCluster cluster = MockCluster.start()) {
            ApiFaults faults = ApiFaults.install(cluster);
            faults.fail(state.firstRequest, 0, times, fault);
            // While waiting, the run must still be going when the retry comes (a 429 pauses 1 s): a Task of 15 simulated minutes.
            try (SimulatedChaosMesh chaos = ProofRig.simulator(cluster, 600, state == ApiState.WAITING ? SLOW_PROVISION : Map.of())) {
                Ran ran = rig.run(cluster, cluster.url(), dir, runId);
                assertThat(faults.fired()).as("the fault was injected at %s", state).isEqualTo(times);
                return ran;
            }
        }
    }

    private static void assertSurvivedAndPassed(Ran ran) {
        assertThat(ran.code()).as(ran.summary()).isZero();
        assertThat(ran.published()).as(ran.summary()).anyMatch(k -> k.endsWith("/run.json"));
        assertThat(ran.inFallback()).isFalse();
        assertThat(ran.left().none()).as("left: %s\n%s", ran.left(), ran.summary()).isTrue();
    }

    @Test
    void api500BurstAtApplyIsRetried() {
        assertSurvivedAndPassed(runWithApiFault("e500-applied", ApiState.APPLIED, 3, () -> ApiFaults.serverError(500)));
    }

    @Test
    void api500BurstWhileWaitingIsRetried() {
        assertSurvivedAndPassed(runWithApiFault("e500-waiting", ApiState.WAITING, 3, () -> ApiFaults.serverError(500)));
    }

    @Test
    void api500BurstDuringCaptureIsRetried() {
        assertSurvivedAndPassed(runWithApiFault("e500-captured", ApiState.CAPTURED, 3, () -> ApiFaults.serverError(500)));
    }

    @Test
    void api500BurstDuringDeleteIsRetried() {
        assertSurvivedAndPassed(runWithApiFault("e500-cleanup", ApiState.CLEANED_UP, 3, () -> ApiFaults.serverError(500)));
    }

    @Test
    void api503BurstAtApplyIsRetried() {
        assertSurvivedAndPassed(runWithApiFault("e503-applied", ApiState.APPLIED, 3, () -> ApiFaults.serverError(503)));
    }

    @Test
    void api503BurstWhileWaitingIsRetried() {
        assertSurvivedAndPassed(runWithApiFault("e503-waiting", ApiState.WAITING, 3, () -> ApiFaults.serverError(503)));
    }

    @Test
    void api503BurstDuringCaptureIsRetried() {
        assertSurvivedAndPassed(runWithApiFault("e503-captured", ApiState.CAPTURED, 3, () -> ApiFaults.serverError(503)));
    }

    @Test
    void api503BurstDuringDeleteIsRetried() {
        assertSurvivedAndPassed(runWithApiFault("e503-cleanup", ApiState.CLEANED_UP, 3, () -> ApiFaults.serverError(503)));
    }

    @Test
    void api429WithRetryAfterAtApplyIsHonoured() {
        assertSurvivedAndPassed(runWithApiFault("e429-applied", ApiState.APPLIED, 1, () -> ApiFaults.tooManyRequests(1)));
    }

    @Test
    void api429WithRetryAfterWhileWaitingIsHonoured() {
        assertSurvivedAndPassed(runWithApiFault("e429-waiting", ApiState.WAITING, 1, () -> ApiFaults.tooManyRequests(1)));
    }

    @Test
    void api429WithRetryAfterDuringCaptureIsHonoured() {
        assertSurvivedAndPassed(runWithApiFault("e429-captured", ApiState.CAPTURED, 1, () -> ApiFaults.tooManyRequests(1)));
    }

    @Test
    void api429WithRetryAfterDuringDeleteIsHonoured() {
        assertSurvivedAndPassed(runWithApiFault("e429-cleanup", ApiState.CLEANED_UP, 1, () -> ApiFaults.tooManyRequests(1)));
    }

    // ------------------------------------------------------------------ watches

    /** A run whose second Task takes 15 simulated minutes (1.5 s at speed 600, within its 20m deadline), so the watches are open long enough to hit. */
    private static final Map<String, TaskScript> SLOW_PROVISION = Map.of("provision-validator-chain", TaskScript.passes(Duration.ofMinutes(15)));

    @Test
    void watchStreamClosedWhileWaitingIsReopenedFromAFreshList() throws Exception {
        try (MockCluster cluster = MockCluster.start()) {
            ApiFaults faults = ApiFaults.install(cluster);
            try (SimulatedChaosMesh chaos = ProofRig.simulator(cluster, 600, SLOW_PROVISION)) {
                CompletableFuture<Ran> ran = CompletableFuture.supplyAsync(() -> rig.run(cluster, cluster.url(), dir, "watch-closed"));
                eventually("the runner's node watch is asked for", () -> watches(faults, "workflownodes") >= 1);
                // The simulated controller and the garbage collector hold watches of their own, so the count of open
                // streams does not say the runner's are established: drop every open stream until the runner is seen
                // opening its node watch again (one not yet established at a drop is dropped at the next).
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                int dropped = 0;
                while (watches(faults, "workflownodes") < 2 && !ran.isDone() && System.nanoTime() < end) {
                    dropped += cluster.dropWatches();
                    java.util.concurrent.locks.LockSupport.parkNanos(150_000_000);
                }
                assertThat(dropped).as("open watch streams were dropped").isGreaterThanOrEqualTo(2);

                Ran result = ran.get(90, TimeUnit.SECONDS);
                assertSurvivedAndPassed(result);
                assertThat(watches(faults, "workflownodes")).as("the node watch was opened again").isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void gone410OnReWatchMakesTheRunnerListAgainAndFinish() throws Exception {
        try (MockCluster cluster = MockCluster.start()) {
            ApiFaults faults = ApiFaults.install(cluster);
            // The first watch of each kind works; the re-watch after the stream drops is told, in-stream as a real API server does,
            // that its resourceVersion is too old (410 Gone).
            faults.fail(ApiFaults.watch(NS_PATH + "workflows"), 1, 1, ApiFaults::goneEvent);
            faults.fail(ApiFaults.watch(NS_PATH + "workflownodes"), 1, 1, ApiFaults::goneEvent);
            try (SimulatedChaosMesh chaos = ProofRig.simulator(cluster, 600, SLOW_PROVISION)) {
                CompletableFuture<Ran> ran = CompletableFuture.supplyAsync(() -> rig.run(cluster, cluster.url(), dir, "gone-410"));
                eventually("the runner's two watches are open", () -> watches(faults, "workflownodes") >= 1 && cluster.openWatches() >= 3);
                cluster.dropWatches();

                Ran result = ran.get(90, TimeUnit.SECONDS);
                assertSurvivedAndPassed(result);
                assertThat(faults.fired()).as("410 was answered to the re-watch").isGreaterThanOrEqualTo(1);
                assertThat(watches(faults, "workflownodes")).isGreaterThanOrEqualTo(3);
            }
        }
    }

    private static long watches(ApiFaults faults, String plural) {
        return faults.seen().stream().filter(s -> s.method().equals("GET") && s.path().contains(NS_PATH + plural)
                && s.path().contains("watch=true")).count();
    }

    // ------------------------------------------------------------------ connection refused during delete

    @Test
    void connectionRefusedDuringDeleteIsRetriedUntilTheServerIsBack() {
        try (MockCluster cluster = MockCluster.start(); TcpForwarder api = new TcpForwarder(portOf(cluster.url()))) {
            ApiFaults faults = ApiFaults.install(cluster);
            // At the first DELETE the API server's address stops answering for 1 s: the DELETE in flight is reset, retries are refused.
            faults.onFirst(ApiState.CLEANED_UP.firstRequest, () -> api.refuseFor(Duration.ofSeconds(1)));
            try (SimulatedChaosMesh chaos = ProofRig.simulator(cluster, 600, Map.of())) {
                Ran ran = rig.run(cluster, "http://127.0.0.1:" + api.port() + "/", dir, "refused-delete");
                assertThat(faults.fired()).isEqualTo(1);
                assertSurvivedAndPassed(ran);
                assertThat(faults.seen().stream().filter(s -> ApiState.CLEANED_UP.firstRequest.test(asRequest(s))).count())
                        .as("the DELETE was sent again once the server answered").isGreaterThanOrEqualTo(2);
            }
        }
    }

    private static RecordedRequest asRequest(ApiFaults.Seen s) {
        return new RecordedRequest("HTTP/1.1", io.fabric8.mockwebserver.dsl.HttpMethod.valueOf(s.method()), s.path(),
                io.fabric8.mockwebserver.http.Headers.builder().build(), null);
    }

    private static int portOf(String url) {
        return java.net.URI.create(url).getPort();
    }

    // ------------------------------------------------------------------ S3

    private Ran runWithS3(String runId, String... extra) {
        try (MockCluster cluster = MockCluster.start(); SimulatedChaosMesh chaos = ProofRig.simulator(cluster, 600, Map.of())) {
            return rig.run(cluster, cluster.url(), dir, runId, extra);
        }
    }

    @Test
    void s3SlowDownBurstAtPublishIsRetriedAndTheBundleLandsInTheBucket() {
        rig.s3().slowDownNext(2);
        Ran ran = runWithS3("s3-slowdown-burst");
        assertThat(rig.s3().slowDownsSent()).isEqualTo(2);
        assertSurvivedAndPassed(ran);
    }

    @Test
    void s3SlowDownThatDoesNotStopPutsTheBundleInTheFallbackAndExits2() {
        rig.s3().slowDownAlways();
        Ran ran = runWithS3("s3-slowdown-always", "--s3-timeout=2s");
        assertThat(ran.code()).as(ran.summary()).isEqualTo(2);
        assertThat(ran.inFallback()).as(ran.summary()).isTrue();
        assertThat(ran.out() + ran.err()).contains(ran.fallback().toString().substring(1));
        assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
    }

    @Test
    void s3UnreachablePutsTheBundleInTheFallbackAndExits2() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        Ran ran = runWithS3("s3-unreachable", "--s3-endpoint=http://127.0.0.1:" + closed, "--s3-timeout=3s");
        assertThat(ran.code()).as(ran.summary()).isEqualTo(2);
        assertThat(ran.inFallback()).as(ran.summary()).isTrue();
        assertThat(Files.readString(ran.fallback().resolve("run.json"))).contains("\"publishedToFallback\": true");
        assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
    }

    // ------------------------------------------------------------------ git

    @Test
    void gitDaemonGoneMidFetchStopsTheRunBeforeApplyWithExit2() {
        rig.gitFront().cutAfterServerBytes(300);
        try (MockCluster cluster = MockCluster.start()) {
            ApiFaults faults = ApiFaults.install(cluster);
            try (SimulatedChaosMesh chaos = ProofRig.simulator(cluster, 600, Map.of())) {
                Ran ran = rig.run(cluster, cluster.url(), dir, "git-cut");
                assertThat(ran.code()).as(ran.summary()).isEqualTo(2);
                assertThat(ran.err()).contains("fetch");
                assertThat(faults.mutations()).as("nothing was applied").isEmpty();
                assertThat(ran.bundleKept()).as(ran.summary()).isTrue();
                assertThat(ran.left().none()).isTrue();
            }
        }
    }

    @Test
    void gitDaemonGoneBeforeFetchStopsTheRunBeforeApplyWithExit2() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        try (MockCluster cluster = MockCluster.start()) {
            ApiFaults faults = ApiFaults.install(cluster);
            Ran ran = rig.run(cluster, cluster.url(), dir, "git-gone", "--scenario-repo=git://127.0.0.1:" + closed + "/sei-k8s-controller");
            assertThat(ran.code()).as(ran.summary()).isEqualTo(2);
            assertThat(faults.mutations()).as("nothing was applied").isEmpty();
            assertThat(ran.bundleKept()).as(ran.summary()).isTrue();
            assertThat(ran.left().none()).isTrue();
        }
    }

    // ------------------------------------------------------------------ SIGTERM

    private Ran runWithSigtermAt(String runId, Predicate<RecordedRequest> when) throws Exception {
        try (MockCluster cluster = MockCluster.start()) {
            ApiFaults faults = ApiFaults.install(cluster);
            // Sent from another thread so the request that triggers it is served normally.
            faults.onFirst(when, () -> CompletableFuture.runAsync(ProofRig::sigterm));
            try (SimulatedChaosMesh chaos = ProofRig.simulator(cluster, 600, SLOW_PROVISION)) {
                Ran ran = CompletableFuture.supplyAsync(() -> rig.run(cluster, cluster.url(), dir, runId)).get(90, TimeUnit.SECONDS);
                assertThat(faults.fired()).isEqualTo(1);
                return ran;
            }
        }
    }

    @Test
    void sigtermWhileWaitingAbortsCapturesCleansUpPublishesAndExits4() throws Exception {
        // While a Task runs: when the simulated controller creates the slow provision Task's pod.
        Ran ran = runWithSigtermAt("term-waiting", ApiFaults.request("POST", NS_PATH + "pods").and(r -> r.getUtf8Body().contains("provision-validator-chain")));
        assertThat(ran.code()).as(ran.summary()).isEqualTo(4);
        assertThat(ran.err()).contains("received SIGTERM");
        assertThat(ran.published()).anyMatch(k -> k.endsWith("/run.json"));
        assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
    }

    @Test
    void sigtermDuringCaptureKeepsTheDecidedOutcomeAndStillCleansUp() throws Exception {
        Ran ran = runWithSigtermAt("term-capture", ApiState.CAPTURED.firstRequest);
        // The Workflow had already passed: the outcome (and so the exit code) was decided before the signal.
        assertThat(ran.code()).as(ran.summary()).isZero();
        assertThat(ran.err()).contains("received SIGTERM");
        assertThat(ran.published()).anyMatch(k -> k.endsWith("/run.json"));
        assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
    }

    @Test
    void sigtermDuringDeleteFinishesCleanupAndPublishes() throws Exception {
        Ran ran = runWithSigtermAt("term-cleanup", ApiState.CLEANED_UP.firstRequest);
        assertThat(ran.code()).as(ran.summary()).isZero();
        assertThat(ran.err()).contains("received SIGTERM");
        assertThat(ran.published()).anyMatch(k -> k.endsWith("/run.json"));
        assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
    }

    @Test
    void sigtermDuringFetchAppliesNothingAndExits4() throws Exception {
        // A git server that accepts and never answers: the fetch is in progress when the signal comes.
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
             MockCluster cluster = MockCluster.start()) {
            ApiFaults faults = ApiFaults.install(cluster);
            CompletableFuture<Ran> ran = CompletableFuture.supplyAsync(() -> rig.run(cluster, cluster.url(), dir, "term-fetch",
                    "--scenario-repo=git://127.0.0.1:" + silent.getLocalPort() + "/sei-k8s-controller", "--git-timeout=4s"));
            try (java.net.Socket connected = silent.accept()) {
                ProofRig.sigterm();
                Ran result = ran.get(90, TimeUnit.SECONDS);
                assertThat(result.code()).as(result.summary()).isEqualTo(4);
                assertThat(faults.mutations()).as("nothing was applied").isEmpty();
                assertThat(result.bundleKept()).as(result.summary()).isTrue();
                assertThat(result.left().none()).isTrue();
            }
        }
    }

    static void eventually(String what, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after 60 s waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
    }
}
