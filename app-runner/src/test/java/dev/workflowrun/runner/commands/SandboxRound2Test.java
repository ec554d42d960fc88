package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.WorkflowRunAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Round 2 of hostile input to {@code sandbox}: bad --examples and run ids end in a usage error, never a stack trace. */
class SandboxRound2Test {

    @TempDir
    Path dir;

    private record Ran(int code, String out, String err) {
        String all() {
            return "exit " + code + "\n" + out + "\n" + err;
        }
    }

    private Ran sandbox(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "sandbox";
        all[1] = "--runs-dir=" + dir.resolve("runs");
        System.arraycopy(args, 0, all, 2, args.length);
        int code = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Ran(code, out.toString(), err.toString());
    }

    private static void assertUsageErrorWithoutTrace(Ran ran, String... mentions) {
        assertThat(ran.code()).as(ran.all()).isEqualTo(64);
        assertThat(ran.err()).as(ran.all()).contains(mentions).doesNotContain("\tat ", "Exception");
    }

    @Test
    void examplesDirectoryThatDoesNotExist() {
        assertUsageErrorWithoutTrace(sandbox("--examples=" + dir.resolve("nowhere")), "--examples", "nowhere", "scenarios/<name>/workflow.yaml");
    }

    @Test
    void examplesDirectoryWithoutScenarios() throws Exception {
        Files.createDirectories(dir.resolve("empty/scenarios"));
        assertUsageErrorWithoutTrace(sandbox("--examples=" + dir.resolve("empty")), "--examples", "holds no scenarios/<name>/workflow.yaml");
    }

    @Test
    void examplesScenarioThatIsNotYaml() throws Exception {
        Path s = Files.createDirectories(dir.resolve("bad/scenarios/release-test"));
        Files.writeString(s.resolve("workflow.yaml"), "spec: [unclosed\n  : :\n");
        assertUsageErrorWithoutTrace(sandbox("--examples=" + dir.resolve("bad")), "--examples", "release-test", "workflow.yaml");
    }

    @Test
    void examplesScenarioThatIsNotUtf8() throws Exception {
        Path s = Files.createDirectories(dir.resolve("latin/scenarios/release-test"));
        Files.write(s.resolve("workflow.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        assertUsageErrorWithoutTrace(sandbox("--examples=" + dir.resolve("latin")), "--examples", "UTF-8");
    }

    @Test
    void runIdTooLongForTheWorkflowName() {
        assertUsageErrorWithoutTrace(sandbox("--run-id=" + "a".repeat(60)), "--run-id");
    }

    @Test
    void runIdLongerThanADnsLabel() {
        assertUsageErrorWithoutTrace(sandbox("--run-id=" + "a".repeat(80)), "--run-id", "63");
    }

    @Test
    void runIdWithEscapeCodesIsPrintedEscaped() {
        Ran ran = sandbox("--run-id=x\u001b]0;pwned\u0007");
        assertUsageErrorWithoutTrace(ran, "--run-id", "\\u001b");
        assertThat(ran.err()).doesNotContain("\u001b");
    }
}
