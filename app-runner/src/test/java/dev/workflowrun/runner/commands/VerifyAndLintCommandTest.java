package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.WorkflowRunAccess;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify} over CronJob manifests and {@code lint} over scenario files, against a real repository on disk. */
class VerifyAndLintCommandTest {

    private static final String RBAC = """
            # runner/rbac.yaml: what seitask may do in a run's namespace
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: seitask-runner
            rules:
              - apiGroups: [""]
                resources: [configmaps, pods]
                verbs: [get, list, create]
            """;
    /** The same data, keys reordered and comments dropped: still a match. */
    private static final String RBAC_VENDORED = """
            kind: Role
            apiVersion: rbac.authorization.k8s.io/v1
            rules:
            - verbs: [get, list, create]
              resources: [configmaps, pods]
              apiGroups: [""]
            metadata: {name: seitask-runner}
            """;

    @TempDir
    static Path work;
    static String repoUrl;
    static String commit;

    @BeforeAll
    static void repository() throws Exception {
        Path repo = Files.createDirectories(work.resolve("sei-k8s-controller"));
        Files.createDirectories(repo.resolve("scenarios"));
        Files.createDirectories(repo.resolve("runner"));
        Files.writeString(repo.resolve("scenarios/release-test.yaml"),
                Files.readString(Path.of("..", "examples", "scenarios", "release-test", "workflow.yaml"), StandardCharsets.UTF_8));
        Files.writeString(repo.resolve("runner/rbac.yaml"), RBAC);
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("test", "test@workflow-run.invalid", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
            commit = git.commit().setMessage("scenario").setAuthor(who).setCommitter(who).setSign(false).call().getName();
        }
        repoUrl = repo.toUri().toString();
        Files.createDirectories(work.resolve("vendor"));
        Files.writeString(work.resolve("vendor/rbac.yaml"), RBAC_VENDORED);
        Files.writeString(work.resolve("vendor/rbac-drifted.yaml"), RBAC_VENDORED.replace("[get, list, create]", "[get, list, create, delete]"));
    }

    private static String cronJob(String name, String ref, String seitaskTag, String vendored) {
        return """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: %1$s
                  namespace: sei-validation
                spec:
                  schedule: "0 2 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                            - name: workflow-run
                              image: ghcr.io/sei-protocol/workflow-run:0.1.0
                              args:
                                - run
                                - --scenario=release-test
                                - --scenario-repo=%2$s
                                - --scenario-ref=$(SCENARIO_REF)
                                - --bucket=harbor-validation-results
                                - --var=SEI_CHAIN_ID=release-test-chain
                                - --var=SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.1.0
                                - --var=SEITASK_IMAGE=$(SEITASK_IMAGE)
                                - --var=RELEASE_TEST_IMAGE=ghcr.io/sei-protocol/release-test:v2.3.0
                                - --expect-ref-image=SEITASK_IMAGE
                                - --expect-file-match=%5$s=runner/rbac.yaml
                                - --require-pinned-ref
                              env:
                                - name: SCENARIO_REF
                                  value: "%3$s"
                                - name: SEITASK_IMAGE
                                  value: ghcr.io/sei-protocol/seitask:%4$s
                """.formatted(name, repoUrl, ref, seitaskTag, vendored);
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {
    }

    private static Path write(String name, String... documents) throws Exception {
        return Files.writeString(work.resolve(name), String.join("---\n", documents));
    }

    @Test
    void aCleanManifestVerifies() throws Exception {
        Path manifest = write("clean.yaml", cronJob("release-test-nightly", commit, commit.substring(0, 12), "vendor/rbac.yaml"));
        Result r = run("verify", "--base-dir=" + work, manifest.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("expect-ref-image SEITASK_IMAGE", "expect-file-match vendor/rbac.yaml=runner/rbac.yaml",
                "require-pinned-ref", "0 broken");
    }

    @Test
    void aDriftedImageAndAChangedVendoredVerbAreCaughtWithBothValues() throws Exception {
        Path manifest = write("drifted.yaml", cronJob("release-test-nightly", commit, "0badc0ffee00", "vendor/rbac-drifted.yaml"));
        Result r = run("verify", "--base-dir=" + work, manifest.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("BROKEN " + manifest + "#release-test-nightly expect-ref-image SEITASK_IMAGE",
                "actual   ghcr.io/sei-protocol/seitask:0badc0ffee00", commit,
                "BROKEN " + manifest + "#release-test-nightly expect-file-match vendor/rbac-drifted.yaml=runner/rbac.yaml",
                "rules[0].verbs[3] (only in vendor/rbac-drifted.yaml)", "2 broken");
        assertThat(r.out()).as("values of the vendored file are not printed").doesNotContain("delete");
    }

    @Test
    void aBranchRefIsRefusedUnderRequirePinnedRef() throws Exception {
        Path manifest = write("branch.yaml", cronJob("release-test-nightly", "refs/heads/main", commit.substring(0, 12), "vendor/rbac.yaml"));
        Result r = run("verify", "--base-dir=" + work, manifest.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("require-pinned-ref", "set --scenario-ref to " + commit);
    }

    @Test
    void cronJobsOfTheSameRefThatDisagreeAreFlagged() throws Exception {
        Path manifest = write("two.yaml", cronJob("release-test-nightly", commit, commit.substring(0, 12), "vendor/rbac.yaml"),
                cronJob("release-test-canary", commit, commit.substring(0, 10), "vendor/rbac.yaml"));
        Result r = run("verify", "--base-dir=" + work, manifest.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("consistent SEITASK_IMAGE", "BROKEN");
    }

    @Test
    void runRefusesADriftedImageBeforeTouchingAnything() {
        Result r = run("render", "--scenario=release-test", "--scenario-repo=" + repoUrl, "--scenario-ref=" + commit, "--namespace=nightly",
                "--var=SEI_CHAIN_ID=release-test-chain", "--var=SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.1.0",
                "--var=SEITASK_IMAGE=ghcr.io/sei-protocol/seitask:0badc0ffee00", "--var=RELEASE_TEST_IMAGE=ghcr.io/sei-protocol/release-test:v2.3.0",
                "--expect-ref-image=SEITASK_IMAGE", "-q");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("drift rule 'expect-ref-image SEITASK_IMAGE' broken", "0badc0ffee00",
                "build SEITASK_IMAGE from the commit --scenario-ref resolves to");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aDriftFlagWithoutItsSecondPartIsAUsageError() {
        Result r = run("render", "--scenario=release-test", "--scenario-repo=" + repoUrl, "--scenario-ref=" + commit,
                "--expect-file-match=vendor/rbac.yaml");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("--expect-file-match 'vendor/rbac.yaml' needs two parts separated by '='");
    }

    @Test
    void lintPassesTheExamplesAndCatchesTheUpstreamConfigMapBug() throws Exception {
        Path example = Path.of("..", "examples", "scenarios", "release-test", "workflow.yaml");
        Result ok = run("lint", example.toString());
        assertThat(ok.code()).as(ok.out()).isZero();

        String buggy = Files.readString(example).replace("name: workflow-vars-release-test-$SEI_WORKFLOW_RUN_ID", "name: workflow-vars-$SEI_WORKFLOW_RUN_ID");
        assertThat(buggy).isNotEqualTo(Files.readString(example));
        Path file = Files.writeString(work.resolve("release-test.yaml"), buggy);
        Result bad = run("lint", file.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).contains("error [per-run-configmap]", "'workflow-vars-lint'", "'workflow-vars-release-test-lint'");
    }
}
