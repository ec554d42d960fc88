package dev.workflowrun.runner.e2e;

import dev.workflowrun.runner.WorkflowRunAccess;
import dev.workflowrun.testkit.ChaosMeshKinds;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 9: a secret-typed value reaches the Task's env and args, so it is in the Workflow, its
 * nodes and its pod as the cluster holds them, and the Task prints it to its log. Every byte the
 * runner publishes, prints on stdout and on stderr is searched for it (and for the git token,
 * and their Base64 forms), for a passing, a failing and an interrupted run.
 */
class SecretsNeverLeaveTest {

    static final String TOKEN = "ntf_live_7Q2pX9rVw4Lk8sTz";
    static final String GIT_TOKEN = "ghp_e2eGitTokenNeverShown42";
    static final String NAMESPACE = "nightly";

    @TempDir
    static Path work;
    static Servers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = new Servers(work);
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    record Ran(int code, String out, String err, String published) {
    }

    private Ran run(MockCluster cluster, String runId) throws Exception {
        Path kubeconfig = work.resolve("kubeconfig-" + runId);
        Files.writeString(kubeconfig, String.join("\n", "apiVersion: v1", "kind: Config", "clusters:", "- name: mock", "  cluster:",
                "    server: " + cluster.url(), "contexts:", "- name: mock", "  context: {cluster: mock, user: mock, namespace: " + NAMESPACE + "}",
                "current-context: mock", "users:", "- name: mock", "  user: {}", ""));
        Path tokenFile = Files.writeString(work.resolve("git-token"), GIT_TOKEN + "\n");
        // A secret is never given on the command line (anyone who can list processes would see it): a file holds it.
        Path varFile = Files.writeString(work.resolve("vars-" + runId), "NOTIFY_TOKEN=" + TOKEN + "\n");
        String tag = servers.commit().substring(0, 12);
        List<String> args = new ArrayList<>(List.of("run", "--scenario=notify-smoke", "--scenario-repo=" + servers.repositoryUrl(),
                "--scenario-ref=" + servers.commit(), "--scenario-path=scenarios/notify-smoke.yaml", "--bucket=" + Servers.BUCKET,
                "--s3-endpoint=" + servers.s3Endpoint(), "--s3-region=us-east-1", "--kubeconfig=" + kubeconfig, "--namespace=" + NAMESPACE,
                "--run-id=" + runId, "--var=TASK_IMAGE=ghcr.io/example/notify:" + tag, "--var-file=" + varFile,
                "--git-token-file=" + tokenFile, "--fallback-dir=" + work.resolve("fallback"), "--signal-grace=60s"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        StringBuilder published = new StringBuilder();
        for (String key : servers.keys("nightly/notify-smoke/" + runId + "/")) {
            published.append(key).append('\n').append(servers.object(key)).append('\n');
        }
        return new Ran(code, out.toString(), err.toString(), published.toString());
    }

    private static SimulatedChaosMesh simulator(MockCluster cluster, TaskScript report) {
        return SimulatedChaosMesh.builder(cluster).speed(600).defaultScript(TaskScript.passes(Duration.ofMinutes(1)))
                .script("post-report", report).start();
    }

    private static void assertNoSecretIn(Ran ran) {
        String everything = ran.out() + "\n" + ran.err() + "\n" + ran.published();
        for (String secret : List.of(TOKEN, GIT_TOKEN)) {
            assertThat(everything).doesNotContain(secret)
                    .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(ran.published()).as("the captured pod is in the bundle, with the value's place marked")
                .contains("pods.yaml", "<secret NOTIFY_TOKEN>");
    }

    @Test
    void aPassingRunKeepsTheSecretOutOfEverything() throws Exception {
        try (MockCluster cluster = MockCluster.start();
             SimulatedChaosMesh chaos = simulator(cluster, TaskScript.passes(Duration.ofMinutes(1))
                     .withLogs("POST https://notify.example/report with Authorization: Bearer " + TOKEN, "posted"))) {
            Ran ran = run(cluster, "sec-pass");

            assertThat(ran.code()).as(ran.err()).isZero();
            assertNoSecretIn(ran);
            assertThat(ran.published()).contains("Authorization: Bearer <secret NOTIFY_TOKEN>");
        }
    }

    @Test
    void aFailingRunKeepsTheSecretOutOfEverything() throws Exception {
        try (MockCluster cluster = MockCluster.start();
             SimulatedChaosMesh chaos = simulator(cluster, TaskScript.exits(1, Duration.ofMinutes(1))
                     .withLogs("curl: (22) 401 Unauthorized for token " + TOKEN))) {
            Ran ran = run(cluster, "sec-fail");

            assertThat(ran.code()).as(ran.err()).isEqualTo(1);
            assertNoSecretIn(ran);
        }
    }

    @Test
    void anInterruptedRunKeepsTheSecretOutOfEverything() throws Exception {
        try (MockCluster cluster = MockCluster.start();
             SimulatedChaosMesh chaos = simulator(cluster, TaskScript.passes(Duration.ofDays(1)).withLogs("waiting with " + TOKEN))) {
            CompletableFuture<Void> reporting = cluster.client().pods().inNamespace(NAMESPACE)
                    .withLabel(ChaosMeshKinds.LABEL_WORKFLOW, "notify-smoke-sec-term")
                    .informOnCondition(pods -> pods.stream().anyMatch(p -> p.getMetadata().getLabels()
                            .getOrDefault(ChaosMeshKinds.LABEL_CONTROLLED_BY, "").startsWith("post-report")))
                    .thenAccept(pods -> { });
            CompletableFuture<Ran> ran = CompletableFuture.supplyAsync(() -> {
                try {
                    return run(cluster, "sec-term");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            reporting.get(60, TimeUnit.SECONDS);
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

            Ran result = ran.get(90, TimeUnit.SECONDS);
            assertThat(result.code()).as(result.err()).isEqualTo(4);
            assertNoSecretIn(result);
        }
    }
}
