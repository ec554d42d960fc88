package dev.workflowrun.runner;

import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.runner.wiring.Environment;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What users of kubectl-style tools expect: -n, environment defaults named in --help, --version everywhere. */
class ConventionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        RunnerComponent component = DaggerRunnerComponent.builder()
                .environment(new Environment(env, KubernetesAdapters::currentNamespace, Clock.systemUTC(), Path.of("").toAbsolutePath()))
                .exit(code -> { }).build();
        return WorkflowRun.run(component, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void everyFlagTakesItsDefaultFromTheEnvironmentAndTheCommandLineWins() {
        Map<String, String> env = Map.of("WORKFLOW_RUN_SCENARIO", "release-test", "WORKFLOW_RUN_SCENARIO_REPO", "file:///nonexistent",
                "WORKFLOW_RUN_SCENARIO_REF", "main", "WORKFLOW_RUN_BUCKET", "./b", "WORKFLOW_RUN_RUN_ID", "Not_A_Label");
        assertThat(run(env, "run")).isEqualTo(64);
        assertThat(err.toString()).contains("--run-id", "Not_A_Label");
        err.getBuffer().setLength(0);
        assertThat(run(env, "run", "--run-id=Also_Bad")).isEqualTo(64);
        assertThat(err.toString()).contains("Also_Bad").doesNotContain("Not_A_Label");
    }

    @Test
    void helpNamesTheVariableOfEveryFlagAndNamespaceHasItsShortName() {
        assertThat(run(Map.of(), "run", "--help")).isZero();
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("-n, --namespace=<namespace>", "Env: WORKFLOW_RUN_NAMESPACE.", "Env: WORKFLOW_RUN_LOG_FORMAT.",
                "Env: WORKFLOW_RUN_SIGNAL_GRACE.", "Env: WORKFLOW_RUN_HEARTBEAT.");
        assertThat(help).doesNotContain("WORKFLOW_RUN_HELP", "WORKFLOW_RUN_VERSION");
    }

    @Test
    void everyCommandPrintsItsVersionWithTheCommit() {
        for (String command : List.of("run", "render", "judge", "verify", "lint", "sandbox", "history")) {
            out.getBuffer().setLength(0);
            assertThat(run(Map.of(), command, "--version")).as(command).isZero();
            assertThat(out.toString()).as(command).startsWith("workflow-run ").containsPattern("commit ([0-9a-f]{40}|unknown)");
        }
    }
}
