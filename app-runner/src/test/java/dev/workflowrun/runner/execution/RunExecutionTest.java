package dev.workflowrun.runner.execution;

import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.domain.run.RunState;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.variables.RunId;
import dev.workflowrun.runner.progress.EventFormat;
import dev.workflowrun.runner.progress.LiveProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunExecutionTest {

    @Test
    void a_forced_exit_after_midnight_flushes_under_the_date_the_run_started_with(@TempDir Path fallback) {
        Instant start = Instant.parse("2026-03-01T23:59:59Z");
        RunScenarioCommand command = new RunScenarioCommand("release-test",
                new ScenarioRef("github.com/sei-protocol/sei-k8s-controller", "main", "scenarios/release-test.yaml"), new RunId("nightly-42"),
                "nightly", Map.of(), Optional.empty(), Optional.empty(), List.of(), "nightly/{date}/{scenario}/{runId}/", CaptureOptions.DEFAULT,
                Duration.ofSeconds(30), RunScenarioCommand.DEFAULT_RUN_ID_VARIABLE, RunScenarioCommand.DEFAULT_NAMESPACE_VARIABLE);
        RunState.Planned planned = RunState.plan(command, start);
        Clock afterMidnight = Clock.fixed(start.plus(Duration.ofMinutes(30)), ZoneOffset.UTC);
        StringWriter err = new StringWriter();
        LiveProgress progress = new LiveProgress(EventFormat.TEXT, new PrintWriter(err), afterMidnight);

        RunExecution.flushLocally(planned, progress, fallback, new PrintWriter(err, true));

        Path dir = fallback.resolve("nightly/2026-03-01/release-test/nightly-42");
        assertThat(dir.resolve("orchestrator.log")).exists();
        assertThat(dir.resolve("INCOMPLETE")).content().contains("nightly/release-test-nightly-42");
        assertThat(fallback.resolve("nightly/2026-03-02")).doesNotExist();
        assertThat(err.toString()).contains("wrote " + dir.resolve("orchestrator.log"));
    }
}
