package dev.workflowrun.proof.faults;

import dev.workflowrun.runner.testing.LocalPorts;
import dev.workflowrun.runner.WorkflowRunAccess;
import dev.workflowrun.runner.sandbox.Leftovers;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real servers a fault or hostile-input run goes through, composed like the end-to-end
 * tests': the example release-test scenario committed to a git repository served by a real
 * {@code git daemon} (behind a {@link TcpForwarder}, so the daemon can vanish mid-fetch), S3Proxy
 * (behind an {@link S3Front}, so it can answer SlowDown), and per run a {@link MockCluster} with the
 * {@link SimulatedChaosMesh} (behind {@link ApiFaults}, and optionally a forwarder that can refuse).
 */
public final class ProofRig implements AutoCloseable {

    public static final String NAMESPACE = "proof";
    public static final String BUCKET = "harbor-validation-results";
    public static final String SCENARIO = "release-test";

    private final Path work;
    private final BlobStore blobStore = BlobStores.create("transient", new Properties());
    private final S3Proxy proxy;
    private final S3Front s3;
    private final S3Client inspector;
    private final Process gitDaemon;
    private final TcpForwarder gitFront;
    private final String commit;
    private final Path repository;

    public ProofRig(Path work) throws Exception {
        this.work = work;
        proxy = S3Proxy.builder().blobStore(blobStore).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null).build();
        proxy.start();
        awaitS3();
        blobStore.createContainer(BUCKET);
        s3 = new S3Front(URI.create("http://127.0.0.1:" + proxy.getPort()));
        inspector = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort())).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("inspector", "inspector")))
                .build();
        // The runner finds credentials the way it does in production: through the SDK's default chain.
        System.setProperty("aws.accessKeyId", "proof-access-key");
        System.setProperty("aws.secretAccessKey", "proof-secret-key");

        Path repos = Files.createDirectories(work.resolve("repos"));
        repository = repos.resolve("sei-k8s-controller");
        commit = commitScenarios(repository, Map.of());
        int port = LocalPorts.free();
        gitDaemon = new ProcessBuilder("git", "daemon", "--base-path=" + repos, "--export-all", "--reuseaddr", "--listen=127.0.0.1",
                "--port=" + port, "--informative-errors", repos.toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("git-daemon.log").toFile()).start();
        LocalPorts.awaitListening(port, gitDaemon);
        gitFront = new TcpForwarder(port);
    }

    /** Commits more scenario files (name → text) on top; returns the new commit. */
    public String addScenarios(Map<String, String> scenarios) throws Exception {
        return commitScenarios(repository, scenarios);
    }

    private static String commitScenarios(Path repo, Map<String, String> extra) throws Exception {
        Path scenarios = Files.createDirectories(repo.resolve("scenarios"));
        if (!Files.exists(scenarios.resolve("release-test.yaml"))) {
            Files.writeString(scenarios.resolve("release-test.yaml"),
                    Files.readString(Path.of("..", "examples", "scenarios", "release-test", "workflow.yaml"), StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, String> e : extra.entrySet()) {
            Path file = scenarios.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
        }
        Git git = Files.exists(repo.resolve(".git")) ? Git.open(repo.toFile())
                : Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        try (git) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("proof", "proof@workflow-run.invalid", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
            return git.commit().setMessage("scenarios").setAuthor(who).setCommitter(who).setSign(false).call().getName();
        }
    }

    public S3Front s3() {
        return s3;
    }

    public TcpForwarder gitFront() {
        return gitFront;
    }

    public String commit() {
        return commit;
    }

    public String repositoryUrl() {
        return "git://127.0.0.1:" + gitFront.port() + "/sei-k8s-controller";
    }

    /** The bytes of one object in the bucket. */
    public byte[] object(String key) {
        return inspector.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    /** Object keys under a prefix in the bucket. */
    public List<String> keys(String prefix) {
        return inspector.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).sorted().toList();
    }

    /** The standard arguments of a release-test run against {@code apiUrl}; {@code extra} replaces flags of the same name. */
    public List<String> args(String runId, String apiUrl, Path dir, String... extra) {
        String tag = commit.substring(0, 12);
        List<String> args = new ArrayList<>(List.of(
                "--scenario=" + SCENARIO,
                "--scenario-repo=" + repositoryUrl(),
                "--scenario-ref=" + commit,
                "--bucket=" + BUCKET,
                "--s3-endpoint=" + s3.endpoint(),
                "--s3-region=us-east-1",
                "--s3-timeout=20s",
                "--kubeconfig=" + kubeconfig(apiUrl, dir),
                "--namespace=" + NAMESPACE,
                "--run-id=" + runId,
                "--var=SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.1.0",
                "--var=SEITASK_IMAGE=ghcr.io/sei-protocol/seitask:" + tag,
                "--var=RELEASE_TEST_IMAGE=ghcr.io/sei-protocol/release-test:" + tag,
                "--var=SEI_CHAIN_ID=proof-chain",
                "--fallback-dir=" + dir.resolve("fallback"),
                "--git-timeout=10s",
                "--signal-grace=60s"));
        for (String e : extra) {
            String flag = e.contains("=") ? e.substring(0, e.indexOf('=') + 1) : e;
            if (!flag.equals("--var=")) {
                args.removeIf(a -> a.startsWith(flag));
            }
            args.add(e);
        }
        return args;
    }

    /** What one run did and left behind. */
    public record Ran(int code, String out, String err, Leftovers left, String runId, List<String> published, Path fallback) {

        /** The bundle is somewhere: in the bucket or in the fallback directory, with its summary. */
        public boolean bundleKept() {
            return published.stream().anyMatch(k -> k.endsWith("/run.json")) || Files.exists(fallback.resolve("run.json"));
        }

        public boolean inFallback() {
            return Files.exists(fallback.resolve("run.json"));
        }

        public String summary() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Runs {@code workflow-run} in-process against the cluster at {@code apiUrl}, and inspects what it left. */
    public Ran run(MockCluster cluster, String apiUrl, Path dir, String runId, String... extra) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), args(runId, apiUrl, dir, extra).toArray(String[]::new));
        Leftovers left = Leftovers.in(cluster.client(), NAMESPACE, SCENARIO + "-" + runId);
        String prefix = "nightly/" + SCENARIO + "/" + runId + "/attempt-1/";
        return new Ran(code, out.toString(), err.toString(), left, runId, keys(prefix), dir.resolve("fallback").resolve("nightly/" + SCENARIO + "/" + runId + "/attempt-1"));
    }

    public static SimulatedChaosMesh simulator(MockCluster cluster, double speed, Map<String, TaskScript> scripts) {
        SimulatedChaosMesh.Builder builder = SimulatedChaosMesh.builder(cluster).speed(speed).defaultScript(TaskScript.passes(Duration.ofMinutes(1)));
        scripts.forEach(builder::script);
        return builder.start();
    }

    /** Sends SIGTERM to this JVM, as the kubelet does to the runner's pod. Only call while a run's signal handling is installed. */
    public static void sigterm() {
        try {
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -TERM failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static Path kubeconfig(String apiUrl, Path dir) {
        Path file = dir.resolve("kubeconfig");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, String.join("\n",
                    "apiVersion: v1", "kind: Config",
                    "clusters:", "- name: mock", "  cluster:", "    server: " + apiUrl,
                    "contexts:", "- name: mock", "  context:", "    cluster: mock", "    user: mock", "    namespace: " + NAMESPACE,
                    "current-context: mock",
                    "users:", "- name: mock", "  user: {}", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public Path work() {
        return work;
    }

    private void awaitS3() {
        // S3Proxy's start returns before Jetty has bound its port on a busy machine.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("S3Proxy did not start within 20 s: " + proxy.getState());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
    }



    @Override
    public void close() throws Exception {
        inspector.close();
        s3.close();
        gitFront.close();
        proxy.stop();
        gitDaemon.destroy();
        gitDaemon.waitFor(10, TimeUnit.SECONDS);
    }
}
