package dev.workflowrun.proof.hostile;

import dev.workflowrun.proof.faults.ApiFaults;
import dev.workflowrun.proof.faults.ProofRig;
import dev.workflowrun.proof.faults.ProofRig.Ran;
import dev.workflowrun.runner.WorkflowRunAccess;
import dev.workflowrun.testkit.ChaosMeshKinds;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input to {@code verify} and hostile repository addresses, second round: a manifest under
 * review that makes {@code --expect-file-match} read outside the base directory, credentials written
 * into a repository URL, a manifest set with nothing to check, and a platform of 5,000 CronJobs.
 * Each case asserts a clear error (what, which rule, the fix), that no secret is printed, and for
 * {@code run}/{@code render} that the cluster saw no mutating request and nothing was published.
 * docs/RELIABILITY.md ("Round 2") lists these cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifyAndUrlHostileInputTest {

    private static final String OUTSIDE_TOKEN = "outside-kubeconfig-token-7f3a9c";
    private static final String VENDORED_TOKEN = "vendored-kubeconfig-token-51d2e8";
    private static final String AT_REF_TOKEN = "at-ref-kubeconfig-token-0c4b77";
    /** The password or token a hostile URL carries; never to be printed, in part or whole. */
    private static final String URL_SECRET = "p4ss-url-secret-93e1";
    private static final List<String> SECRETS = List.of(OUTSIDE_TOKEN, VENDORED_TOKEN, AT_REF_TOKEN, URL_SECRET, "p4ss", "url-secret");

    private static final String RBAC = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: seitask-runner
            rules:
              - apiGroups: [""]
                resources: [configmaps, pods]
                verbs: [get, list, create]
            """;

    private static String kubeconfig(String token) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: prod
                  cluster: {server: "https://10.0.0.1:6443"}
                users:
                - name: admin
                  user:
                    token: %s
                """.formatted(token);
    }

    private ProofRig rig;
    private MockCluster cluster;
    private ApiFaults recorder;
    private SimulatedChaosMesh chaos;
    private String ref;
    private Path base;
    private Path outside;
    private Path work;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("proof-verify-hostile-");
        rig = new ProofRig(Files.createDirectories(work.resolve("rig")));
        ref = rig.addScenarios(Map.of("rbac.yaml", RBAC, "kubeconfig.yaml", kubeconfig(AT_REF_TOKEN)));
        cluster = MockCluster.start();
        recorder = ApiFaults.install(cluster);
        chaos = ProofRig.simulator(cluster, 3600, Map.of());

        base = Files.createDirectories(work.resolve("platform"));
        Files.createDirectories(base.resolve("vendor"));
        Files.writeString(base.resolve("vendor/rbac.yaml"), RBAC);
        Files.writeString(base.resolve("vendor/kubeconfig.yaml"), kubeconfig(VENDORED_TOKEN));
        outside = Files.createDirectories(work.resolve("elsewhere"));
        Files.writeString(outside.resolve("kubeconfig"), kubeconfig(OUTSIDE_TOKEN));
        Files.createSymbolicLink(base.resolve("vendor/linked-kubeconfig.yaml"), outside.resolve("kubeconfig"));
        Files.createSymbolicLink(base.resolve("linked-dir"), outside);
        Process fifo = new ProcessBuilder("mkfifo", base.resolve("vendor/pipe.yaml").toString()).inheritIO().start();
        assertThat(fifo.waitFor(10, TimeUnit.SECONDS) && fifo.exitValue() == 0).as("mkfifo").isTrue();
    }

    @AfterAll
    void stop() throws Exception {
        chaos.close();
        cluster.close();
        rig.close();
    }

    record Result(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private static Result workflowRun(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A CronJob running the release-test scenario from the proof repository, with {@code extra} workflow-run arguments. */
    private String cronJob(String name, List<String> extra) {
        return cronJob(name, rig.repositoryUrl(), "ghcr.io/sei-protocol/workflow-run:0.1.0", extra);
    }

    private String cronJob(String name, String repository, String runnerImage, List<String> extra) {
        String tag = ref.substring(0, 12);
        StringBuilder args = new StringBuilder();
        List<String> all = new ArrayList<>(List.of("run", "--scenario=release-test", "--scenario-repo=" + repository, "--scenario-ref=" + ref,
                "--bucket=harbor-validation-results", "--var=SEI_CHAIN_ID=proof-chain", "--var=SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.1.0",
                "--var=SEITASK_IMAGE=ghcr.io/sei-protocol/seitask:" + tag, "--var=RELEASE_TEST_IMAGE=ghcr.io/sei-protocol/release-test:" + tag));
        all.addAll(extra);
        for (String a : all) {
            args.append("                    - '").append(a.replace("'", "''")).append("'\n");
        }
        return """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: %s
                  namespace: proof
                spec:
                  schedule: "0 2 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: workflow-run
                            image: %s
                            args:
                %s""".formatted(name, runnerImage, args);
    }

    private Path manifest(String name, String... documents) throws Exception {
        return Files.writeString(Files.createDirectories(work.resolve("manifests")).resolve(name), String.join("---\n", documents));
    }

    private static void assertNoSecret(String text) {
        for (String secret : SECRETS) {
            assertThat(text).as("printed output must not hold '" + secret + "'").doesNotContain(secret);
        }
    }

    // ---------------------------------------------------------------- #3: vendored files outside the base directory

    /** One hostile {@code --expect-file-match} in a manifest under review, and what verify must say. */
    record FileCase(String name, String spec, List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<FileCase> fileCases() {
        return Stream.of(
                new FileCase("absolute path to a kubeconfig", outside.resolve("kubeconfig") + "=scenarios/kubeconfig.yaml",
                        List.of("is absolute", "read only inside the base directory", "--base-dir")),
                new FileCase("'..' out of the base directory", "../elsewhere/kubeconfig=scenarios/kubeconfig.yaml",
                        List.of("contains '..'", "--base-dir")),
                new FileCase("'..' in the middle of the path", "vendor/../../elsewhere/kubeconfig=scenarios/kubeconfig.yaml",
                        List.of("contains '..'")),
                new FileCase("home-relative path", "~/.kube/config=scenarios/kubeconfig.yaml", List.of("is absolute")),
                new FileCase("the runner's own environment", "/proc/self/environ=scenarios/kubeconfig.yaml", List.of("is absolute")),
                new FileCase("a link inside the base directory to a file outside", "vendor/linked-kubeconfig.yaml=scenarios/kubeconfig.yaml",
                        List.of("leads outside the base directory through a symbolic link")),
                new FileCase("a linked directory leading outside", "linked-dir/kubeconfig=scenarios/kubeconfig.yaml",
                        List.of("leads outside the base directory through a symbolic link")),
                new FileCase("a named pipe inside the base directory", "vendor/pipe.yaml=scenarios/rbac.yaml", List.of("is not a regular file")),
                new FileCase("a file that does not exist", "vendor/nothing.yaml=scenarios/rbac.yaml", List.of("does not exist under the base directory")),
                new FileCase("'..' in the path at the ref", "vendor/rbac.yaml=../../etc/passwd", List.of("contains '..'")),
                new FileCase("absolute path at the ref", "vendor/rbac.yaml=/etc/passwd", List.of("is absolute")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileCases")
    @Timeout(60)
    void verifyRefusesAVendoredFileOutsideItsBaseDirectoryWithoutPrintingIt(FileCase c) throws Exception {
        Path manifest = manifest("file-" + Integer.toHexString(c.name().hashCode()) + ".yaml",
                cronJob("release-test-nightly", List.of("--expect-file-match=" + c.spec())));
        Result r = workflowRun("verify", "--base-dir=" + base, manifest.toString());
        System.out.println("CASE " + c.name() + " -> " + r.code() + "\n" + r.all());
        assertThat(r.code()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).contains("BROKEN " + manifest + "#release-test-nightly arguments", "fix:");
        assertThat(r.all()).contains(c.mentions());
        assertNoSecret(r.all());
    }

    @Test
    void aVendoredFileInsideTheBaseDirectoryThatDiffersIsReportedByItsKeysOnly() throws Exception {
        Path manifest = manifest("inside.yaml", cronJob("release-test-nightly",
                List.of("--expect-file-match=vendor/kubeconfig.yaml=scenarios/kubeconfig.yaml", "--expect-file-match=vendor/rbac.yaml=scenarios/rbac.yaml")));
        Result r = workflowRun("verify", "--base-dir=" + base, manifest.toString());
        assertThat(r.code()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).contains("expect-file-match vendor/kubeconfig.yaml=scenarios/kubeconfig.yaml",
                "users[0].user.token (different values)", "values not shown", "expect-file-match vendor/rbac.yaml=scenarios/rbac.yaml",
                "vendor/rbac.yaml (same data)", "1 broken");
        assertNoSecret(r.all());
    }

    @Test
    void runAndRenderRefuseAVendoredFileOutsideTheWorkingDirectoryBeforeAnything() {
        for (String spec : List.of(outside.resolve("kubeconfig") + "=scenarios/kubeconfig.yaml", "../../elsewhere/kubeconfig=scenarios/kubeconfig.yaml")) {
            int before = recorder.mutations().size();
            Ran ran = rig.run(cluster, cluster.url(), work.resolve("run-file"), "fm" + Integer.toHexString(spec.hashCode() & 0xffff),
                    "--expect-file-match=" + spec);
            assertThat(ran.code()).as(ran.summary()).isEqualTo(64);
            assertThat(ran.err()).contains("--expect-file-match", "read only inside the base directory");
            assertNoSecret(ran.out() + ran.err());
            assertNothingHappened(before, ran);
        }
    }

    @Test
    void aRunWhoseVendoredFileDiffersNamesTheKeysAndPublishesNoValue() throws Exception {
        // The working directory of the test is the module's; the vendored copy lies inside it.
        Path vendored = Files.createDirectories(Path.of("target", "proof-vendored")).resolve("kubeconfig.yaml");
        Files.writeString(vendored, kubeconfig(VENDORED_TOKEN));
        int before = recorder.mutations().size();
        Ran ran = rig.run(cluster, cluster.url(), work.resolve("run-diff"), "fmdiff", "--scenario-ref=" + ref,
                "--expect-file-match=" + vendored + "=scenarios/kubeconfig.yaml");
        assertThat(ran.code()).as(ran.summary()).isEqualTo(2);
        assertThat(ran.err()).contains("users[0].user.token");
        assertNoSecret(ran.out() + ran.err());
        assertThat(recorder.mutations().subList(before, recorder.mutations().size())).as("cluster mutations").isEmpty();
        assertThat(ran.bundleKept()).as("the refusal is published like any run that stops before apply").isTrue();
        for (String key : ran.published()) {
            assertNoSecret(new String(rig.object(key), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    // ---------------------------------------------------------------- #5: credentials in a repository URL

    /** A repository address with a credential in it. */
    record UrlCase(String name, String repository) {
        @Override
        public String toString() {
            return name;
        }
    }

    Stream<UrlCase> urlCases() {
        String daemon = rig.repositoryUrl().substring("git://".length());
        return Stream.of(
                new UrlCase("https user:password", "https://deploy:" + URL_SECRET + "@" + daemon),
                new UrlCase("http user:password to the real server", "http://deploy:" + URL_SECRET + "@" + daemon),
                new UrlCase("git:// user:password", "git://deploy:" + URL_SECRET + "@" + daemon),
                new UrlCase("token as the https user", "https://" + URL_SECRET + "@github.com/sei-protocol/sei-k8s-controller"),
                new UrlCase("scheme-less token@host/path", URL_SECRET + "@github.com/sei-protocol/sei-k8s-controller"),
                new UrlCase("scheme-less user:password@host/path", "deploy:" + URL_SECRET + "@github.com/sei-protocol/sei-k8s-controller"),
                new UrlCase("scp-like user:password@host:path", "deploy:" + URL_SECRET + "@git.example.com:sei-protocol/sei-k8s-controller.git"),
                new UrlCase("ssh:// user:password", "ssh://git:" + URL_SECRET + "@git.example.com/sei-protocol/sei-k8s-controller.git"),
                new UrlCase("a password holding '@'", "https://deploy:p4ss@url-secret@git.example.com/o/r.git"),
                new UrlCase("?private_token= query", "https://gitlab.example.com/o/r.git?private_token=" + URL_SECRET),
                new UrlCase("?access_token= after another parameter", "https://gitlab.example.com/o/r.git?ref=main&access_token=" + URL_SECRET));
    }

    @ParameterizedTest(name = "run: {0}")
    @MethodSource("urlCases")
    void runRefusesACredentialInTheRepositoryUrlWithExit64AndNeverPrintsIt(UrlCase c) {
        int before = recorder.mutations().size();
        Ran ran = rig.run(cluster, cluster.url(), work.resolve("run-url"), "u" + Integer.toHexString(c.name().hashCode() & 0xfffff),
                "--scenario-repo=" + c.repository());
        System.out.println("CASE run " + c.name() + " -> " + ran.code() + "\n" + ran.err());
        assertThat(ran.code()).as(ran.summary()).isEqualTo(64);
        assertThat(ran.err()).contains("carries a credential", "--git-token-file", "--git-token-env");
        assertNoSecret(ran.out() + ran.err());
        assertNothingHappened(before, ran);
    }

    @ParameterizedTest(name = "render: {0}")
    @MethodSource("urlCases")
    void renderRefusesACredentialInTheRepositoryUrlWithExit64(UrlCase c) {
        Result r = workflowRun("render", "--quiet", "--scenario=release-test", "--scenario-repo=" + c.repository(), "--scenario-ref=" + ref,
                "--namespace=proof", "--var=SEI_CHAIN_ID=proof-chain");
        assertThat(r.code()).as(r.all()).isEqualTo(64);
        assertThat(r.err()).contains("carries a credential", "--git-token-file");
        assertThat(r.out()).isEmpty();
        assertNoSecret(r.all());
    }

    @ParameterizedTest(name = "verify: {0}")
    @MethodSource("urlCases")
    void verifyReportsACredentialInTheRepositoryUrlAsBrokenWithoutPrintingIt(UrlCase c) throws Exception {
        Path manifest = manifest("url-" + Integer.toHexString(c.name().hashCode()) + ".yaml",
                cronJob("release-test-nightly", c.repository(), "ghcr.io/sei-protocol/workflow-run:0.1.0", List.of()),
                cronJob("release-test-canary", List.of()));
        Result r = workflowRun("verify", "--base-dir=" + base, manifest.toString());
        assertThat(r.code()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).contains("BROKEN " + manifest + "#release-test-nightly arguments", "carries a credential", "--git-token-file",
                "2 workflow-run container(s) checked");
        assertThat(r.out()).as("the other CronJob is still checked").contains(manifest + "#release-test-canary");
        assertNoSecret(r.all());
    }

    @Test
    void aMistypedRepositoryFlagDoesNotEchoTheCredential() {
        Result r = workflowRun("render", "--scenario=release-test", "--scenario-rep=https://deploy:" + URL_SECRET + "@github.com/o/r",
                "--scenario-repo=" + rig.repositoryUrl(), "--scenario-ref=" + ref);
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("--scenario-rep");
        assertNoSecret(r.all());
    }

    @Test
    void aPlainSshUserIsNotTakenForACredential() {
        Result r = workflowRun("render", "--quiet", "--scenario=release-test", "--scenario-repo=git@git.example.com:sei-protocol/x.git",
                "--scenario-ref=" + ref, "--namespace=proof", "--var=SEI_CHAIN_ID=proof-chain");
        assertThat(r.err()).doesNotContain("carries a credential").contains("ssh");
        assertThat(r.code()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- #20: nothing to check

    @Test
    void verifyFailsWhenNoManifestHoldsAWorkflowRunContainer() throws Exception {
        Path deployment = manifest("deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers: [{name: web, image: "nginx:1.27", args: ["--scenario=release-test"]}]
                """);
        Path empty = manifest("empty.yaml");
        Path separators = manifest("separators.yaml", "# nothing but comments\n", "\n", "");
        Path configMap = manifest("configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: b}\n");
        for (List<Path> given : List.of(List.of(deployment), List.of(empty), List.of(separators), List.of(deployment, empty, separators, configMap))) {
            List<String> args = new ArrayList<>(List.of("verify", "--base-dir=" + base));
            given.forEach(p -> args.add(p.toString()));
            Result r = workflowRun(args.toArray(String[]::new));
            assertThat(r.code()).as(given + "\n" + r.all()).isEqualTo(64);
            assertThat(r.err()).contains("no workflow-run container in", "nothing was verified", "kustomize build");
        }
        // One manifest with a container among others without: the others are noted, the one is checked.
        Result mixed = workflowRun("verify", "--base-dir=" + base, deployment.toString(),
                manifest("one.yaml", cronJob("release-test-nightly", List.of())).toString());
        assertThat(mixed.code()).as(mixed.all()).isZero();
        assertThat(mixed.err()).contains(deployment + " holds no workflow-run container");
    }

    // ---------------------------------------------------------------- #6: a platform of 5,000 CronJobs

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a guard against a hang; the figure is in docs/RELIABILITY.md
    void fiveThousandCronJobsAreVerifiedWithABoundedReportThatShowsEveryBrokenRow() throws Exception {
        int count = 5000;
        List<String> broken = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String name = "release-test-" + i;
            boolean unpinned = i % 1000 == 999;
            if (unpinned) {
                broken.add(name);
            }
            if (i > 0) {
                all.append("---\n");
            }
            all.append(cronJob(name, rig.repositoryUrl(), unpinned ? "ghcr.io/sei-protocol/workflow-run:latest" : "ghcr.io/sei-protocol/workflow-run:0.1.0",
                    List.of("--expect-file-match=vendor/rbac.yaml=scenarios/rbac.yaml")));
        }
        Path manifest = Files.writeString(work.resolve("five-thousand.yaml"), all);
        long started = System.nanoTime();
        Result r = workflowRun("verify", "--base-dir=" + base, manifest.toString());
        System.out.printf("verify of %d CronJobs: exit %d in %.1f s, %d characters of report; this JVM's peak: %s%n", count, r.code(),
                (System.nanoTime() - started) / 1e9, r.out().length(), peakResidentMemory());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("OutOfMemoryError", "unexpected error");
        assertThat(r.out()).contains(count + " workflow-run container(s) checked", broken.size() + " broken",
                "more row(s) that hold, warn or were skipped are not shown");
        for (String name : broken) {
            assertThat(r.out()).contains("BROKEN " + manifest + "#" + name + " pinned-image");
        }
        assertThat(r.out().lines().count()).as("the report is bounded by its problems, not by the estate").isLessThan(400);
        assertThat(r.out().lines().mapToInt(String::length).max().orElse(0)).as("and so is its width").isLessThan(1000);
    }

    /** The test JVM's peak resident memory (Linux), for the figure in docs/RELIABILITY.md. */
    private static String peakResidentMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM")).findFirst()
                    .map(l -> l.replaceAll("\\s+", " ")).orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private void assertNothingHappened(int mutationsBefore, Ran ran) {
        assertThat(recorder.mutations().subList(mutationsBefore, recorder.mutations().size())).as("cluster mutations").isEmpty();
        assertThat(cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(ProofRig.NAMESPACE).list().getItems()).isEmpty();
        assertThat(ran.published()).as("nothing published for a usage error").isEmpty();
        assertThat(ran.inFallback()).isFalse();
    }
}
