package dev.workflowrun.runner.cluster;

import dev.workflowrun.runner.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A wrong or unreachable cluster is found at once, loudly, with what to do about it. */
class WrongClusterTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--scenario=release-test", "--scenario-repo=file://" + dir.resolve("no-repo"),
                "--scenario-ref=refs/heads/main", "--namespace=nightly", "--run-id=n1",
                "--bucket=file://" + dir.resolve("bucket"), "--fallback-dir=" + dir.resolve("fallback")));
        args.addAll(List.of(extra));
        return WorkflowRun.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
    }

    private static Path kubeconfig(Path dir, String server) throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: staging
                  cluster: {server: "%1$s"}
                - name: prod
                  cluster: {server: "%1$s"}
                users:
                - name: ci
                  user: {token: not-a-real-token}
                contexts:
                - name: staging
                  context: {cluster: staging, user: ci, namespace: nightly}
                - name: prod
                  context: {cluster: prod, user: ci, namespace: nightly}
                current-context: staging
                """.formatted(server));
        return file;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aMistypedKubeContextIsAUsageErrorNamingTheContextsThatExist(@TempDir Path dir) throws Exception {
        Path config = kubeconfig(dir, "https://127.0.0.1:" + closedPort());

        int code = run(dir, "--kubeconfig=" + config, "--kube-context=prdo");

        assertThat(code).isEqualTo(64);
        assertThat(err.toString()).contains("--kube-context prdo is not a context of", "the contexts are: prod, staging");
        assertThat(dir.resolve("bucket")).doesNotExist();
    }

    @Test
    void aMissingKubeconfigFileIsAUsageErrorNamingTheFile(@TempDir Path dir) {
        int code = run(dir, "--kubeconfig=" + dir.resolve("nope.yaml"));

        assertThat(code).isEqualTo(64);
        assertThat(err.toString()).contains("--kubeconfig " + dir.resolve("nope.yaml") + ": no such file").doesNotContain("Exception");
    }

    @Test
    void noReachableApiServerFailsInSecondsNamingTheUrlTheContextAndTheCause(@TempDir Path dir) throws Exception {
        int port = closedPort();
        Path config = kubeconfig(dir, "https://127.0.0.1:" + port);

        long start = System.nanoTime();
        int code = run(dir, "--kubeconfig=" + config, "--kube-context=prod");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(code).isEqualTo(2);
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        String said = out + "\n" + err;
        assertThat(said).contains("the cluster cannot be used", "https://127.0.0.1:" + port, "context prod", "did not answer", "connection refused");
        assertThat(said).doesNotContain("not-a-real-token");
        assertThat(said).as("nothing was fetched: the check comes first").doesNotContain("fetch failed");
    }
}
