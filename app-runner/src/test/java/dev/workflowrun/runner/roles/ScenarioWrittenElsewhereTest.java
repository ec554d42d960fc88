package dev.workflowrun.runner.roles;

import dev.workflowrun.runner.WorkflowRunAccess;
import dev.workflowrun.survey.migrate.CronJobMigrator;
import dev.workflowrun.survey.scenario.ScenarioDir;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scenario another team wrote (test resources {@code elsewhere/scenarios/chain-halt}): its Workflow is named
 * {@code chain-halt-$RUN_ID} in namespace {@code $NS}, its header has no type or role annotation, and its upgrade
 * name {@code v6.4.0} only appears in task scripts. It must render, lint, verify, run in the sandbox, and migrate
 * into a CronJob that verify passes, with the run id and the namespace given once each.
 */
class ScenarioWrittenElsewhereTest {

    private static final String SCENARIO = "chain-halt";
    private static final String SHIPPED_REPO = "--scenario-repo=github.com/sei-protocol/sei-k8s-controller";

    @TempDir
    static Path work;
    static String repoUrl;
    static String commit;
    static String workflow;

    @BeforeAll
    static void repository() throws Exception {
        workflow = resource("workflow.yaml");
        Path repo = Files.createDirectories(work.resolve("sei-k8s-controller/scenarios"));
        Files.writeString(repo.resolve(SCENARIO + ".yaml"), workflow);
        Files.writeString(repo.resolve(SCENARIO + "-marked.yaml"), marked(workflow));
        try (Git git = Git.init().setDirectory(repo.getParent().toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent who = new PersonIdent("qa", "qa@example.invalid", Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);
            commit = git.commit().setMessage("chain-halt scenario").setAuthor(who).setCommitter(who).setSign(false).call().getName();
        }
        repoUrl = repo.getParent().toUri().toString();
    }

    /** The same scenario, its header marking the two roles. */
    private static String marked(String text) {
        return text.replace("#   $NS               namespace", "#   $NS (namespace)   namespace")
                .replace("#   $RUN_ID           per-run", "#   $RUN_ID (run-id)  per-run");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ScenarioWrittenElsewhereTest.class.getResourceAsStream("/elsewhere/scenarios/" + SCENARIO + "/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The team's scenario directory, its CronJob pinned to the commit and a task image tagged {@code seitaskTag}. */
    private static Path scenarioDir(String seitaskTag) throws IOException {
        Path dir = Files.createDirectories(work.resolve("survey-" + seitaskTag).resolve(SCENARIO));
        Files.writeString(dir.resolve("workflow.yaml"), workflow);
        Files.writeString(dir.resolve("wrapper.sh"), resource("wrapper.sh"));
        Files.writeString(dir.resolve("cronjob.yaml"), resource("cronjob.yaml").replace("@SCENARIO_REF@", commit).replace("@SEITASK_TAG@", seitaskTag));
        return dir;
    }

    /** {@code survey migrate}, pointed at the test repository instead of GitHub (as CI points verify at a mirror). */
    private static Path migrated(String seitaskTag) throws IOException {
        String typed = CronJobMigrator.migrate(new ScenarioDir(SCENARIO, scenarioDir(seitaskTag)), CronJobMigrator.DEFAULT_IMAGE);
        assertThat(typed).contains(SHIPPED_REPO);
        return Files.writeString(work.resolve("cronjob-" + seitaskTag + ".typed.yaml"), typed.replace(SHIPPED_REPO, "--scenario-repo=" + repoUrl));
    }

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void theMigratedCronJobNamesTheRolesItInferredAndVerifyHolds() throws Exception {
        Path typed = migrated(commit.substring(0, 12));
        String text = Files.readString(typed);
        assertThat(text).contains("--run-id-var=RUN_ID", "--namespace-var=NS", "--namespace=$(NS)", "--var=UPGRADE_NAME=$(UPGRADE_NAME)",
                "--expect-ref-image=SEITASK_IMAGE");
        assertThat(text).doesNotContain("--var=RUN_ID", "--var=NS=");

        Result r = run("verify", typed.toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("roles", "run-id=$RUN_ID, namespace=$NS", "expect-ref-image SEITASK_IMAGE", "0 broken")
                .doesNotContain("has no value");
    }

    @Test
    void verifyCatchesADriftedTaskImageInTheMigratedCronJobAndNothingElse() throws Exception {
        Result r = run("verify", migrated("0badc0ffee00").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("expect-ref-image SEITASK_IMAGE", "0badc0ffee00", "1 broken").doesNotContain("has no value");
    }

    @Test
    void renderTakesTheRunIdAndTheNamespaceOnceEach() {
        Result r = run("render", "--scenario=" + SCENARIO, "--scenario-repo=" + repoUrl, "--scenario-ref=" + commit,
                "--scenario-path=scenarios/chain-halt-marked.yaml", "--run-id=r42", "--namespace=qa-chains",
                "--var=SEITASK_IMAGE=ghcr.io/sei-protocol/seitask:" + commit.substring(0, 12), "--var=SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.3.1",
                "--var=UPGRADE_NAME=v6.4.0", "-q");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("name: chain-halt-r42", "namespace: qa-chains", "qa.example.org/run: \"r42\"",
                "software-upgrade \"v6.4.0\"", "name: workflow-vars-chain-halt-r42", "${HEIGHT}", "$(POD_NAME)");
    }

    @Test
    void withoutHeaderMarksTheFlagsNameTheRolePlaceholders() {
        String[] common = {"render", "--scenario=" + SCENARIO, "--scenario-repo=" + repoUrl, "--scenario-ref=" + commit, "--run-id=r42",
                "--namespace=qa-chains", "--var=SEITASK_IMAGE=ghcr.io/sei-protocol/seitask:" + commit.substring(0, 12),
                "--var=SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.3.1", "--var=UPGRADE_NAME=v6.4.0", "-q"};
        Result named = run(concat(common, "--run-id-var=RUN_ID", "--namespace-var=NS"));
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(named.out()).contains("name: chain-halt-r42", "namespace: qa-chains");

        Result unnamed = run(common);
        assertThat(unnamed.code()).isEqualTo(64);
        assertThat(unnamed.err()).contains("NS: is declared but has no value", "RUN_ID: is declared but has no value");
    }

    @Test
    void aVarForARolePlaceholderIsAUsageErrorNamingTheFlagThatFillsIt() {
        Result r = run("render", "--scenario=" + SCENARIO, "--scenario-repo=" + repoUrl, "--scenario-ref=" + commit,
                "--scenario-path=scenarios/chain-halt-marked.yaml", "--run-id=r42", "--namespace=qa-chains", "--var=RUN_ID=r42",
                "--var=SEITASK_IMAGE=ghcr.io/sei-protocol/seitask:" + commit.substring(0, 12), "--var=SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.3.1",
                "--var=UPGRADE_NAME=v6.4.0", "-q");

        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("RUN_ID: plays the run-id role: the runner fills it from --run-id");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void lintChecksTheWorkflowNameAgainstTheRunIdPlaceholderWhateverItsName() throws Exception {
        Path file = Files.writeString(work.resolve(SCENARIO + ".yaml"), workflow);
        Result named = run("lint", "--run-id-var=RUN_ID", "--namespace-var=NS", file.toString());
        assertThat(named.code()).as(named.out()).isZero();
        assertThat(named.out()).doesNotContain("error");

        Path markedFile = Files.writeString(Files.createDirectories(work.resolve("marked")).resolve(SCENARIO + ".yaml"), marked(workflow));
        Result marked = run("lint", markedFile.toString());
        assertThat(marked.code()).as(marked.out()).isZero();

        Result unnamed = run("lint", file.toString());
        assertThat(unnamed.code()).isEqualTo(2);
        assertThat(unnamed.out()).contains("name it chain-halt-$SEI_WORKFLOW_RUN_ID", "or pass --run-id-var");
    }

    @Test
    void theSandboxRunsItAndTheReportSaysWhichPlaceholderPlayedWhichRole() throws Exception {
        Path examples = Files.createDirectories(work.resolve("examples/scenarios/" + SCENARIO));
        Files.writeString(examples.resolve("workflow.yaml"), workflow);
        Path runs = work.resolve("runs");

        Result r = run("sandbox", "--examples=" + work.resolve("examples"), "--scenario=" + SCENARIO, "--run-id=sb1",
                "--run-id-var=RUN_ID", "--namespace-var=NS", "--speed=600", "--runs-dir=" + runs);

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("PASSED", "roles      namespace $NS, run-id $RUN_ID");
        String runJson = Files.readString(runs.resolve("sandbox/" + SCENARIO + "/sb1/attempt-1/run.json"));
        assertThat(runJson).contains("\"roles\": {", "\"namespace\": \"NS\"", "\"run-id\": \"RUN_ID\"");
        assertThat(Files.readString(runs.resolve("sandbox/" + SCENARIO + "/sb1/attempt-1/rendered.yaml"))).contains("name: chain-halt-sb1", "namespace: sandbox");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
