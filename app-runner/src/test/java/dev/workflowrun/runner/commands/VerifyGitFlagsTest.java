package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.WorkflowRunAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code verify} takes the git flags {@code run} takes, with the same rule: one token source. */
class VerifyGitFlagsTest {

    @Test
    void both_token_flags_are_a_usage_error_naming_both_as_run_says(@TempDir Path work) throws Exception {
        Path token = Files.writeString(work.resolve("token"), "not-a-real-token\n");
        Path manifest = Files.writeString(work.resolve("cronjob.yaml"), "kind: ConfigMap\nmetadata: {name: x}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int verify = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), "verify", "--git-token-file=" + token,
                "--git-token-env=GIT_TOKEN", manifest.toString());
        StringWriter runErr = new StringWriter();
        int run = WorkflowRunAccess.run(new PrintWriter(new StringWriter()), new PrintWriter(runErr), "run", "--dry-run", "--bucket=results", "--scenario=release-test",
                "--scenario-repo=file://" + work, "--scenario-ref=main", "--git-token-file=" + token, "--git-token-env=GIT_TOKEN");

        assertThat(verify).isEqualTo(64);
        assertThat(err.toString()).contains("--git-token-file and --git-token-env both name a token");
        assertThat(run).isEqualTo(64);
        assertThat(runErr.toString()).contains("--git-token-file and --git-token-env both name a token");
    }

    @Test
    void verify_lists_the_shared_git_flags_in_its_help() {
        StringWriter out = new StringWriter();

        WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "verify", "--help");

        assertThat(out.toString()).contains("--git-token-file", "--git-token-env", "--git-cache-dir", "--git-timeout");
    }
}
