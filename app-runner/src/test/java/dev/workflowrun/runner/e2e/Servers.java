package dev.workflowrun.runner.e2e;

import dev.workflowrun.runner.testing.LocalPorts;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The real servers the end-to-end tests run against, shared by the whole class: S3Proxy with
 * signature checking on, and a git repository holding the example release-test scenario, served
 * by a real {@code git daemon} (or over {@code file://} where git is not installed).
 */
final class Servers implements AutoCloseable {

    static final String ACCESS_KEY = "e2e-access-key";
    static final String SECRET_KEY = "e2e-secret-key-never-printed";
    static final String BUCKET = "harbor-validation-results";

    private final BlobStore blobStore = BlobStores.create("transient", new Properties());
    private final S3Proxy proxy;
    private final S3Client inspector;
    private final Process gitDaemon;
    private final String repositoryUrl;
    private final String commit;

    Servers(Path work) throws Exception {
        proxy = S3Proxy.builder().blobStore(blobStore).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        blobStore.createContainer(BUCKET);
        inspector = S3Client.builder().endpointOverride(s3Endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY))).build();
        // The runner finds credentials the way it does in production: through the SDK's default chain.
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);

        Path repos = Files.createDirectories(work.resolve("repos"));
        Path repo = repos.resolve("sei-k8s-controller");
        commit = commitExample(repo);
        Process daemon = null;
        String url = repo.toUri().toString();
        if (gitInstalled()) {
            int port = LocalPorts.free();
            daemon = new ProcessBuilder("git", "daemon", "--base-path=" + repos, "--export-all", "--reuseaddr", "--listen=127.0.0.1",
                    "--port=" + port, "--informative-errors", repos.toString()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("git-daemon.log").toFile()).start();
            LocalPorts.awaitListening(port, daemon);
            url = "git://127.0.0.1:" + port + "/sei-k8s-controller";
        }
        gitDaemon = daemon;
        repositoryUrl = url;
    }

    private static String commitExample(Path repo) throws Exception {
        Path scenarios = Files.createDirectories(repo.resolve("scenarios"));
        Files.writeString(scenarios.resolve("release-test.yaml"),
                Files.readString(Path.of("..", "examples", "scenarios", "release-test", "workflow.yaml"), StandardCharsets.UTF_8));
        Files.writeString(scenarios.resolve("notify-smoke.yaml"), NOTIFY_SMOKE, StandardCharsets.UTF_8);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("e2e", "e2e@workflow-run.invalid", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
            return git.commit().setMessage("release-test").setAuthor(who).setCommitter(who).setSign(false).call().getName();
        }
    }

    /** A small scenario with a secret-typed placeholder that reaches a Task's env and args (and so the captured objects). */
    static final String NOTIFY_SMOKE = """
            # Checks the chain, then posts a report to the team's notification service.
            #
            # Placeholders:
            #   $SEI_NAMESPACE            namespace of the workflow
            #   $SEI_WORKFLOW_RUN_ID      unique per-run id
            #   $NOTIFY_TOKEN (secret)    token the report step posts with
            #   $TASK_IMAGE               image of both steps
            ---
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata:
              name: notify-smoke-$SEI_WORKFLOW_RUN_ID
              namespace: $SEI_NAMESPACE
            spec:
              entry: notify-smoke
              templates:
                - name: notify-smoke
                  templateType: Serial
                  deadline: 30m
                  children:
                    - check-chain
                    - post-report
                - name: check-chain
                  templateType: Task
                  deadline: 10m
                  task:
                    container:
                      name: check-chain
                      image: $TASK_IMAGE
                      command: ["/bin/sh", "-c"]
                      args: ["echo checking height"]
                - name: post-report
                  templateType: Task
                  deadline: 5m
                  task:
                    container:
                      name: post-report
                      image: $TASK_IMAGE
                      env:
                        - name: NOTIFY_TOKEN
                          value: "$NOTIFY_TOKEN"
                      command: ["/bin/sh", "-c"]
                      args:
                        - |
                          curl -fsS -H "Authorization: Bearer $NOTIFY_TOKEN" https://notify.example/report
            """;

    private static boolean gitInstalled() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }



    URI s3Endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    String repositoryUrl() {
        return repositoryUrl;
    }

    String commit() {
        return commit;
    }

    List<String> keys(String prefix) {
        return inspector.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).sorted().toList();
    }

    String object(String key) {
        return inspector.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    }

    @Override
    public void close() throws Exception {
        inspector.close();
        proxy.stop();
        if (gitDaemon != null) {
            gitDaemon.destroy();
            gitDaemon.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
