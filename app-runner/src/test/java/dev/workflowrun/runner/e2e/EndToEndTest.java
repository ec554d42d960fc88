package dev.workflowrun.runner.e2e;

import dev.workflowrun.domain.cluster.RunLabels;
import dev.workflowrun.runner.WorkflowRunAccess;
import dev.workflowrun.runner.deploy.ClusterPermissions;
import dev.workflowrun.runner.sandbox.Leftovers;
import dev.workflowrun.testkit.ChaosMeshKinds;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code workflow-run run} end to end through {@code run(out, err, args)}: the scenario from a real
 * git daemon, the Workflow on fabric8's mock API server driven by the simulated Chaos Mesh
 * controller, the bundle to S3Proxy. After every run the namespace holds nothing of the run.
 */
class EndToEndTest {

    private static final String NAMESPACE = "e2e";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path work;
    private static Servers servers;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        servers = new Servers(work);
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    /** What one run left behind. */
    record Ran(int code, String out, String err, Leftovers left, String runId) {

        String prefix() {
            return "nightly/release-test/" + runId + "/attempt-1/";
        }

        List<String> files() {
            return servers.keys(prefix()).stream().map(k -> k.substring(prefix().length())).toList();
        }

        JsonNode summary() {
            return JSON.readTree(servers.object(prefix() + "run.json"));
        }

        String bundleText() {
            StringBuilder all = new StringBuilder();
            files().forEach(f -> all.append(servers.object(prefix() + f)).append('\n'));
            return all.toString();
        }
    }

    private List<String> args(String runId, Path kubeconfig, String... extra) {
        String tag = servers.commit().substring(0, 12);
        List<String> args = new ArrayList<>(List.of(
                "--scenario=release-test",
                "--scenario-repo=" + servers.repositoryUrl(),
                "--scenario-ref=" + servers.commit(),
                "--bucket=" + Servers.BUCKET,
                "--s3-endpoint=" + servers.s3Endpoint(),
                "--s3-region=us-east-1",
                "--kubeconfig=" + kubeconfig,
                "--namespace=" + NAMESPACE,
                "--run-id=" + runId,
                "--var=SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.1.0",
                "--var=SEITASK_IMAGE=ghcr.io/sei-protocol/seitask:" + tag,
                "--var=RELEASE_TEST_IMAGE=ghcr.io/sei-protocol/release-test:" + tag,
                "--var=SEI_CHAIN_ID=e2e-chain",
                "--fallback-dir=" + dir.resolve("fallback"),
                "--signal-grace=60s"));
        for (String e : extra) {
            if (e.startsWith("!")) {
                args.removeIf(a -> a.startsWith(e.substring(1))); // "!--flag=" drops the default
                continue;
            }
            String flag = e.contains("=") ? e.substring(0, e.indexOf('=') + 1) : e;
            if (!flag.equals("--var=")) {
                args.removeIf(a -> a.startsWith(flag));
            }
            args.add(e);
        }
        return args;
    }

    private Ran run(String runId, double speed, Map<String, TaskScript> scripts, String... extra) throws IOException {
        try (MockCluster cluster = MockCluster.start(); SimulatedChaosMesh chaos = simulator(cluster, speed, scripts)) {
            return runOn(cluster, runId, extra);
        }
    }

    private Ran runOn(MockCluster cluster, String runId, String... extra) throws IOException {
        Path kubeconfig = kubeconfig(cluster);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), args(runId, kubeconfig, extra).toArray(String[]::new));
        Leftovers left = Leftovers.in(cluster.client(), NAMESPACE, "release-test-" + runId);
        return new Ran(code, out.toString(), err.toString(), left, runId);
    }

    private static SimulatedChaosMesh simulator(MockCluster cluster, double speed, Map<String, TaskScript> scripts) {
        SimulatedChaosMesh.Builder builder = SimulatedChaosMesh.builder(cluster).speed(speed).defaultScript(TaskScript.passes(Duration.ofMinutes(1)));
        scripts.forEach(builder::script);
        return builder.start();
    }

    private Path kubeconfig(MockCluster cluster) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: mock",
                "  cluster:",
                "    server: " + cluster.url(),
                "contexts:",
                "- name: mock",
                "  context:",
                "    cluster: mock",
                "    user: mock",
                "    namespace: " + NAMESPACE,
                "current-context: mock",
                "users:",
                "- name: mock",
                "  user: {}",
                ""));
        return file;
    }

    @Test
    void twoAttemptsOfOneRunIdArePublishedSideBySideAndTheFirstIsNeverOverwritten() throws IOException {
        Ran first = run("twice-1", 600, Map.of("run-release-test", TaskScript.exits(2, java.time.Duration.ofMinutes(3))));
        String firstRunJson = servers.object(first.prefix() + "run.json");
        List<String> firstKeys = servers.keys(first.prefix());

        Ran second = run("twice-1", 600, Map.of());

        assertThat(first.code()).isEqualTo(2);
        assertThat(second.code()).as(second.err()).isZero();
        List<String> all = servers.keys("nightly/release-test/twice-1/");
        assertThat(all).anyMatch(k -> k.equals("nightly/release-test/twice-1/attempt-1/run.json"))
                .anyMatch(k -> k.equals("nightly/release-test/twice-1/attempt-2/run.json"))
                .allMatch(k -> k.startsWith("nightly/release-test/twice-1/attempt-1/") || k.startsWith("nightly/release-test/twice-1/attempt-2/"));
        assertThat(servers.keys(first.prefix())).isEqualTo(firstKeys);
        assertThat(servers.object(first.prefix() + "run.json")).isEqualTo(firstRunJson);
        JsonNode latest = JSON.readTree(servers.object("nightly/release-test/twice-1/attempt-2/run.json"));
        assertThat(latest.path("attempt").asInt()).isEqualTo(2);
        assertThat(latest.path("earlierAttempts").get(0).path("attempt").asInt()).isEqualTo(1);
        assertThat(latest.path("earlierAttempts").get(0).path("outcome").asString()).isEqualTo("INFRA_FAILED");
        assertThat(second.out()).contains("s3://" + Servers.BUCKET + "/nightly/release-test/twice-1/attempt-2/");
    }

    @Test
    void aPassingRunExits0WithACompleteBundleInS3AndAnEmptyNamespace() throws IOException {
        Ran ran = run("pass-1", 600, Map.of(), "!--namespace=");

        assertThat(ran.code()).as(ran.err()).isZero();
        assertThat(ran.files()).contains("rendered.yaml", "orchestrator.log", "run.json").hasSizeGreaterThanOrEqualTo(5);
        JsonNode summary = ran.summary();
        assertThat(summary.path("outcome").asString()).isEqualTo("PASSED");
        assertThat(summary.path("exitCode").asInt()).isZero();
        assertThat(summary.path("commit").asString()).isEqualTo(servers.commit());
        assertThat(servers.object(ran.prefix() + "orchestrator.log")).contains("[Waiting]", "[Captured]", "[CleanedUp]");
        assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
        assertThat(ran.out()).contains("PASSED (exit 0)", "s3://" + Servers.BUCKET + "/" + ran.prefix());
        assertThat(ran.err()).contains("[Applied]", "nodes finished");
        // Least privilege holds in practice: every request the run made is one the Role grants.
        Iterator<Map.Entry<String, JsonNode>> requests = summary.path("apiRequests").properties().iterator();
        assertThat(requests.hasNext()).isTrue();
        requests.forEachRemaining(e -> {
            String[] verbAndResource = e.getKey().split(" ", 2);
            assertThat(ClusterPermissions.covers(verbAndResource[0], verbAndResource[1])).as("deploy/base/rbac.yaml grants %s", e.getKey()).isTrue();
        });
    }

    @Test
    void aTaskThatExits1MakesTheRunExit1NamingTheTask() throws IOException {
        Ran ran = run("fail-1", 600, Map.of("run-release-test", TaskScript.exits(1, Duration.ofMinutes(1)).withLogs("3 checks failed")));

        assertThat(ran.code()).as(ran.err()).isEqualTo(1);
        assertThat(ran.summary().path("decidingTask").asString()).isEqualTo("run-release-test");
        assertThat(ran.bundleText()).contains("3 checks failed");
        assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
    }

    @Test
    void aTaskThatExits2IsAnInfrastructureFailure() throws IOException {
        Ran ran = run("infra-2", 600, Map.of("provision-validator-chain", TaskScript.exits(2, Duration.ofMinutes(1))));

        assertThat(ran.code()).as(ran.err()).isEqualTo(2);
        assertThat(ran.summary().path("outcome").asString()).isEqualTo("INFRA_FAILED");
        assertThat(ran.files()).contains("run.json");
        assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
    }

    @Test
    void aTaskWhosePodNeverStartsIsAnInfrastructureFailure() throws IOException {
        Ran ran = run("never-2", 600, Map.of("keygen-admin", TaskScript.neverStarts("CreateContainerConfigError")));

        assertThat(ran.code()).as(ran.err()).isEqualTo(2);
        assertThat(ran.bundleText()).contains("CreateContainerConfigError");
        assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
    }

    @Test
    void aDeadlineExits3AndTheTerminalStateIsCapturedBeforeDeletion() throws IOException {
        Ran ran = run("late-3", 600, Map.of("run-release-test", TaskScript.passes(Duration.ofDays(1))));

        assertThat(ran.code()).as(ran.err()).isEqualTo(3);
        // The nodes in the bundle show the deadline: they were read before the Workflow was deleted.
        assertThat(ran.bundleText()).contains("DeadlineExceed");
        assertThat(ran.summary().path("capture").path("nodes").asInt()).isPositive();
        assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
    }

    @Test
    void sigtermWhileWaitingAbortsCapturesCleansUpPublishesAndExits4() throws Exception {
        try (MockCluster cluster = MockCluster.start();
             SimulatedChaosMesh chaos = simulator(cluster, 60, Map.of("provision-validator-chain", TaskScript.passes(Duration.ofDays(1))))) {
            CompletableFuture<Void> running = cluster.client().pods().inNamespace(NAMESPACE)
                    .withLabel(ChaosMeshKinds.LABEL_WORKFLOW, "release-test-term-4")
                    .informOnCondition(pods -> pods.stream().anyMatch(p -> p.getMetadata().getName().startsWith("provision-validator-chain")
                            || p.getMetadata().getLabels().getOrDefault(ChaosMeshKinds.LABEL_CONTROLLED_BY, "").contains("provision-validator-chain")))
                    .thenAccept(pods -> { });
            CompletableFuture<Ran> ran = CompletableFuture.supplyAsync(() -> {
                try {
                    return runOn(cluster, "term-4");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            running.get(60, TimeUnit.SECONDS);
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

            Ran result = ran.get(90, TimeUnit.SECONDS);
            assertThat(result.code()).as(result.err()).isEqualTo(4);
            assertThat(result.err()).contains("received SIGTERM");
            assertThat(result.summary().path("outcome").asString()).isEqualTo("INTERRUPTED");
            assertThat(result.files()).contains("rendered.yaml", "orchestrator.log", "run.json");
            assertThat(result.left().none()).as("left: %s", result.left()).isTrue();
        }
    }

    @Test
    void whenS3IsUnavailableTheBundleGoesToTheFallbackDirectoryAndTheRunExits2() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        Ran ran = run("nos3-2", 600, Map.of(), "--s3-endpoint=http://127.0.0.1:" + closedPort, "--s3-timeout=2s");

        assertThat(ran.code()).as(ran.err()).isEqualTo(2);
        Path bundle = dir.resolve("fallback").resolve("nightly/release-test/nos3-2/attempt-1");
        assertThat(bundle.resolve("run.json")).exists();
        assertThat(bundle.resolve("orchestrator.log")).exists();
        assertThat(Files.readString(bundle.resolve("run.json"))).contains("\"publishedToFallback\": true");
        assertThat(ran.out()).contains(bundle.toString().replace('\\', '/').substring(1));
        assertThat(ran.left().none()).as("left: %s", ran.left()).isTrue();
    }

    @Test
    void whenS3IsUnavailableTheSummaryAndTheDecidingTasksLogTailAlsoGoToStdout() throws IOException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        Ran ran = run("nos3-tail", 600, Map.of("run-release-test", TaskScript.exits(1, Duration.ofMinutes(3))
                        .withLogs("check 1 ok", "check 2 FAILED: height stalled at 4411")),
                "--s3-endpoint=http://127.0.0.1:" + closedPort, "--s3-timeout=2s");

        assertThat(ran.code()).as(ran.err()).isEqualTo(2);
        // The fallback directory may vanish with the pod; stdout is what the cluster's log pipeline keeps.
        assertThat(ran.out()).contains("the bundle did not reach the store", "--- run.json ---", "\"decidingTask\": \"run-release-test\"",
                "--- logs/run-release-test-", "check 2 FAILED: height stalled at 4411", "--- end ---");
    }

    @Test
    void aRetryWithTheSameRunIdAdoptsTheWorkflowSoOnlyOneEverExists() throws Exception {
        try (MockCluster cluster = MockCluster.start(); SimulatedChaosMesh chaos = simulator(cluster, 600, Map.of())) {
            AtomicInteger created = new AtomicInteger();
            try (Watch watch = cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NAMESPACE).watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, GenericKubernetesResource resource) {
                    if (action == Action.ADDED) {
                        created.incrementAndGet();
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                // The first attempt applied its Workflow, then its pod was lost (node gone, OOM-killed).
                StringWriter rendered = new StringWriter();
                List<String> renderArgs = new ArrayList<>(List.of("render", "--quiet"));
                args("retry-7", kubeconfig(cluster)).stream()
                        .filter(a -> Stream.of("--scenario", "--namespace", "--run-id", "--var=").anyMatch(a::startsWith))
                        .forEach(renderArgs::add);
                assertThat(WorkflowRunAccess.run(new PrintWriter(rendered), new PrintWriter(new StringWriter()), renderArgs.toArray(String[]::new))).isZero();
                GenericKubernetesResource first = cluster.client().getKubernetesSerialization().unmarshal(rendered.toString(), GenericKubernetesResource.class);
                first.getMetadata().getLabels().putAll(RunLabels.of(new dev.workflowrun.domain.cluster.WorkflowHandle(NAMESPACE, "release-test-retry-7", "release-test", "retry-7")));
                cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NAMESPACE).resource(first).create();

                Ran retry = runOn(cluster, "retry-7");

                assertThat(retry.code()).as(retry.err()).isZero();
                assertThat(retry.summary().path("apply").asString()).isEqualTo("ADOPTED");
                assertThat(created).hasValue(1);
                assertThat(retry.left().none()).as("left: %s\n%s\n%s", retry.left(), retry.err(),
                        cluster.client().pods().inNamespace(NAMESPACE).list().getItems().stream().map(p -> p.getMetadata().getName() + " " + p.getMetadata().getLabels()).toList()).isTrue();
            }
        }
    }

    @Test
    void anUndeclaredVariableExits64SayingWhatIsDeclaredAndAppliesNothing() throws IOException {
        Ran ran = run("usage-64", 600, Map.of(), "--var=SEID_IMAGES=ghcr.io/sei-protocol/seid:v6.1.0");

        assertThat(ran.code()).isEqualTo(64);
        assertThat(ran.err() + ran.out()).contains("SEID_IMAGES", "declared are");
        assertThat(ran.left().none()).isTrue();
    }

    @Test
    void aDryRunFetchesRendersAndChecksButTouchesNoClusterAndPrintsThePlanAsJson() throws IOException {
        // The kubeconfig points at a port where nothing listens: any cluster call would fail the run.
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        Path kubeconfig = dir.resolve("nowhere-kubeconfig");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: x\n  cluster:\n    server: http://127.0.0.1:" + closedPort
                + "\ncontexts:\n- name: x\n  context:\n    cluster: x\n    user: x\ncurrent-context: x\nusers:\n- name: x\n  user: {}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = args("dry-0", kubeconfig, "--dry-run", "-o", "json");

        int code = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));

        assertThat(code).as(err.toString()).isZero();
        JsonNode plan = JSON.readTree(out.toString());
        assertThat(plan.path("workflow").asString()).isEqualTo("release-test-dry-0");
        assertThat(plan.path("commit").asString()).isEqualTo(servers.commit());
        assertThat(plan.path("hardDeadline").asString()).isEqualTo("1h10m");
        assertThat(servers.keys("nightly/release-test/dry-0/")).isEmpty();
    }
}
