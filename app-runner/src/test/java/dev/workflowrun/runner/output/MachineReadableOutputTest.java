package dev.workflowrun.runner.output;

import dev.workflowrun.runner.WorkflowRunAccess;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code -o json|yaml} on {@code run --dry-run}, {@code lint} and {@code verify}, read back by a parser; verify's exit codes ({@code judge}: SandboxPathsTest). */
class MachineReadableOutputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @TempDir
    static Path work;
    static String repoUrl;
    static String commit;

    @BeforeAll
    static void repository() throws Exception {
        Path repo = Files.createDirectories(work.resolve("controller/scenarios")).getParent();
        Files.writeString(repo.resolve("scenarios/release-test.yaml"),
                Files.readString(Path.of("..", "examples", "scenarios", "release-test", "workflow.yaml"), StandardCharsets.UTF_8));
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("test", "test@workflow-run.invalid", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
            commit = git.commit().setMessage("scenario").setAuthor(who).setCommitter(who).setSign(false).call().getName();
        }
        repoUrl = repo.toUri().toString();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static List<String> dryRun(String format) {
        return List.of("run", "--dry-run", "-o", format, "--scenario=release-test", "--scenario-repo=" + repoUrl, "--scenario-ref=" + commit,
                "-n", "nightly", "--run-id=42", "--bucket=b", "--var=SEI_CHAIN_ID=release-test-chain",
                "--var=SEID_IMAGE=ghcr.io/sei-protocol/seid@" + DIGEST, "--var=SEITASK_IMAGE=ghcr.io/sei-protocol/seitask:" + commit.substring(0, 12),
                "--var=RELEASE_TEST_IMAGE=ghcr.io/sei-protocol/release-test:v2.3.0", "--expect-ref-image=SEITASK_IMAGE", "--require-pinned-ref");
    }

    @Test
    void theDryRunPlanInJsonAndYamlHoldsTheSameFields() {
        Result json = run(dryRun("json").toArray(String[]::new));
        Result yaml = run(dryRun("yaml").toArray(String[]::new));

        assertThat(json.code()).as(json.err()).isZero();
        assertThat(yaml.code()).as(yaml.err()).isZero();
        JsonNode fromJson = JSON.readTree(json.out());
        JsonNode fromYaml = YAML.readTree(yaml.out());
        assertThat(fromYaml).isEqualTo(fromJson);
        assertThat(fromJson.path("workflow").asString()).isEqualTo("release-test-42");
        assertThat(fromJson.path("namespace").asString()).isEqualTo("nightly");
        assertThat(fromJson.path("commit").asString()).isEqualTo(commit);
        assertThat(fromJson.path("warnings").toString()).contains("by the mutable tag 'v2.3.0'").doesNotContain("seid@");
    }

    @Test
    void lintFindingsCarryTheirFileAndLineAndPinnedDigestRefusesATag() throws Exception {
        Path file = work.resolve("release-test.yaml");
        Files.writeString(file, Files.readString(Path.of("..", "examples", "scenarios", "release-test", "workflow.yaml"))
                .replace("name: workflow-vars-release-test-$SEI_WORKFLOW_RUN_ID", "name: workflow-vars-$SEI_WORKFLOW_RUN_ID"));
        List<String> lines = Files.readAllLines(file);

        Result r = run("lint", "-o", "json", "--pinned=digest", "--var=SEITASK_IMAGE=ghcr.io/sei/seitask:v1", file.toString());

        assertThat(r.code()).isEqualTo(2);
        JsonNode report = JSON.readTree(r.out());
        List<JsonNode> findings = new ArrayList<>();
        report.path("files").get(0).path("findings").forEach(findings::add);
        assertThat(findings).isNotEmpty().allSatisfy(f -> {
            assertThat(f.path("location").asString()).isEqualTo(file + ":" + f.path("line").asInt());
            assertThat(f.path("line").asInt()).isBetween(1, lines.size());
        });
        JsonNode configMap = findings.stream().filter(f -> f.path("rule").asString().equals("per-run-configmap")).findFirst().orElseThrow();
        assertThat(configMap.path("severity").asString()).isEqualTo("error");
        assertThat(lines.get(configMap.path("line").asInt() - 1)).as("the line it points at").contains("- name: ");
        assertThat(findings).anySatisfy(f -> {
            assertThat(f.path("rule").asString()).isEqualTo("pinned-images");
            assertThat(f.path("severity").asString()).isEqualTo("error");
            assertThat(f.path("message").asString()).contains("--pinned=digest needs a digest");
        });
        assertThat(report.path("errors").asInt()).isEqualTo(findings.stream().filter(f -> f.path("severity").asString().equals("error")).count());

        Result text = run("lint", file.toString());
        assertThat(text.out()).containsPattern("\\Q" + file + "\\E:\\d+: error \\[per-run-configmap\\]");
    }

    private static Path cronJob(String repository, String ref) throws Exception {
        String manifest = """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: release-test, namespace: sei-validation}
                spec:
                  schedule: "0 2 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                            - name: workflow-run
                              image: ghcr.io/sei-protocol/workflow-run@%3$s
                              args: [run, --scenario=release-test, "--scenario-repo=%1$s", "--scenario-ref=%2$s", --bucket=b,
                                     --var=SEI_CHAIN_ID=release-test-chain, "--var=SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.1.0",
                                     "--var=SEITASK_IMAGE=ghcr.io/sei-protocol/seitask:%4$s",
                                     "--var=RELEASE_TEST_IMAGE=ghcr.io/sei-protocol/release-test:v2.3.0",
                                     --expect-ref-image=SEITASK_IMAGE, --require-pinned-ref]
                """.formatted(repository, ref, DIGEST, ref.substring(0, 12));
        return Files.writeString(Files.createTempFile(work, "cronjob", ".yaml"), manifest);
    }

    @Test
    void verifyInJsonAndYamlListsEveryRowWithItsVerdictAndTheExitCode() throws Exception {
        Path manifest = cronJob(repoUrl, commit);
        Result json = run("verify", "-o", "json", manifest.toString());
        Result yaml = run("verify", "-o", "yaml", manifest.toString());

        assertThat(json.code()).as(json.out() + json.err()).isZero();
        JsonNode report = JSON.readTree(json.out());
        assertThat(YAML.readTree(yaml.out())).isEqualTo(report);
        assertThat(report.path("exitCode").asInt()).isZero();
        assertThat(report.path("offline").asBoolean()).isFalse();
        List<String> rules = new ArrayList<>();
        report.path("rows").forEach(row -> rules.add(row.path("rule").asString() + " " + row.path("verdict").asString()));
        assertThat(rules).contains("require-pinned-ref HOLDS", "expect-ref-image SEITASK_IMAGE HOLDS", "pinned-image HOLDS",
                "pinned-image WARNING");
    }

    @Test
    void verifyGivesAnUnreachableRepositoryItsOwnExitCodeAndOfflineChecksWhatNeedsNoGit() throws Exception {
        Path manifest = cronJob("git://127.0.0.1:9/nothing-listens-here.git", commit);

        Result online = run("verify", manifest.toString());
        assertThat(online.code()).as(online.out()).isEqualTo(69);
        assertThat(online.out()).contains("BROKEN", "fetch");

        Result offline = run("verify", "--offline", "-o", "json", manifest.toString());
        assertThat(offline.code()).as(offline.out() + offline.err()).isZero();
        JsonNode report = JSON.readTree(offline.out());
        assertThat(report.path("offline").asBoolean()).isTrue();
        List<String> rules = new ArrayList<>();
        report.path("rows").forEach(row -> rules.add(row.path("rule").asString() + " " + row.path("verdict").asString()));
        assertThat(rules).contains("require-pinned-ref HOLDS", "expect-ref-image SEITASK_IMAGE HOLDS", "lint SKIPPED").noneMatch(r -> r.startsWith("fetch"));

        Path unpinned = Files.writeString(manifest, Files.readString(manifest).replace("workflow-run@" + DIGEST, "workflow-run:latest"));
        Result broken = run("verify", unpinned.toString());
        assertThat(broken.code()).as("a broken rule wins over an unreachable repository: " + broken.out()).isEqualTo(2);
        assertThat(broken.out()).contains("pinned-image", "fetch");
    }
}
