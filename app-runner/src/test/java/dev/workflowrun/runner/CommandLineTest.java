package dev.workflowrun.runner;

import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.runner.signals.ProcessExit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WorkflowRun.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void helpListsEveryExitCodeFromTheOneMapping() {
        assertThat(run("--help")).isZero();
        for (ExitCode code : ExitCode.values()) {
            assertThat(out.toString().replaceAll("\\s+", " ")).contains(code.meaning());
        }
        assertThat(out.toString()).contains("run", "render", "sandbox", "generate-completion");
    }

    @Test
    void runHelpListsTheExitCodesToo() {
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("Exit codes:", " 64 ", ExitCode.INTERRUPTED.meaning(), "--scenario-ref", "--var-file");
    }

    @Test
    void theSeedInvocationParsesVerbatimWithRunAsTheDefault() {
        String[] seed = {"--scenario=release-test", "--scenario-repo=github.com/sei-protocol/sei-k8s-controller",
                "--scenario-ref=3f2a9c1d", "--bucket=harbor-validation-results",
                "--var=SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.1.0", "--var=SEITASK_IMAGE=ghcr.io/sei-protocol/seitask:3f2a9c1d",
                "--var=RELEASE_TEST_IMAGE=ghcr.io/sei-protocol/release-test:v2"};
        CommandLine cli = WorkflowRun.commandLine(WorkflowRun.component(code -> { }));
        CommandLine.ParseResult parsed = cli.parseArgs(WorkflowRun.withDefaultCommand(seed));
        CommandLine.ParseResult run = parsed.subcommand();
        assertThat(run.commandSpec().name()).isEqualTo("run");
        assertThat(run.matchedOptionValue("--scenario", "")).isEqualTo("release-test");
        assertThat(run.matchedOptionValue("--bucket", "")).isEqualTo("harbor-validation-results");
        Map<String, String> vars = run.matchedOptionValue("--var", Map.of());
        assertThat(vars).containsOnlyKeys("SEID_IMAGE", "SEITASK_IMAGE", "RELEASE_TEST_IMAGE")
                .containsEntry("SEITASK_IMAGE", "ghcr.io/sei-protocol/seitask:3f2a9c1d");
    }

    @Test
    void aMistypedFlagExits64AndSaysWhatToTypeInstead() {
        int code = run("--scenario=release-test", "--scenario-reff=main");
        assertThat(code).isEqualTo(64);
        assertThat(err.toString()).contains("--scenario-reff").contains("--scenario-ref").contains("--help");
    }

    @Test
    void aMissingRequiredFlagExits64NamingIt() {
        assertThat(run("run", "--scenario=release-test")).isEqualTo(64);
        assertThat(err.toString()).contains("--scenario-repo", "--scenario-ref", "--bucket");
    }

    @Test
    void anInvalidRunIdExits64BeforeAnythingIsFetched() {
        int code = run("--scenario=release-test", "--scenario-repo=file:///nonexistent", "--scenario-ref=main",
                "--bucket=./b", "--run-id=Not_A_Label");
        assertThat(code).isEqualTo(64);
        assertThat(err.toString()).contains("--run-id").contains("DNS-1123");
    }

    @Test
    void aSecretOnTheCommandLineIsRefusedWithoutEchoingIt() {
        int code = run("--scenario=release-test", "--scenario-repo=file:///nonexistent", "--scenario-ref=main",
                "--bucket=./b", "--run-id=r1", "--var=API_TOKEN=hunter2hunter2");
        assertThat(code).isEqualTo(64);
        assertThat(err.toString()).contains("--var-file").doesNotContain("hunter2hunter2");
    }

    @Test
    void aBadDurationExits64WithTheExpectedForm() {
        assertThat(run("--scenario=release-test", "--scenario-repo=x", "--scenario-ref=main", "--bucket=b1b",
                "--hard-deadline=soon")).isEqualTo(64);
        assertThat(err.toString()).contains("60m");
    }

    @Test
    void noCommandPrintsHelpAndExits64() {
        assertThat(run()).isEqualTo(64);
        assertThat(err.toString()).contains("workflow-run sandbox");
    }

    @Test
    void completionScriptIsGenerated() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out.toString()).contains("complete").contains("workflow-run");
    }

    @Test
    void versionIsPrinted() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("workflow-run");
    }

    static final ProcessExit NO_EXIT = code -> { };
}
