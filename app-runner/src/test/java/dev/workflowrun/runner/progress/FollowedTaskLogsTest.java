package dev.workflowrun.runner.progress;

import dev.workflowrun.domain.cluster.FollowTaskLogsPort;
import dev.workflowrun.domain.cluster.TaskLogSink;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.run.RunEvent;
import dev.workflowrun.domain.text.Scrubber;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FollowedTaskLogsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T03:10:00Z"), ZoneOffset.UTC);
    private final StringWriter err = new StringWriter();
    private static final WorkflowHandle HANDLE = new WorkflowHandle("nightly", "release-test-42", "release-test", "42");

    /** A port whose lines the test writes, and which writes one last line when it is closed (as a final read would). */
    private static final class ScriptedPort implements FollowTaskLogsPort {
        TaskLogSink sink;
        WorkflowHandle followed;
        long bytes;

        @Override
        public Following follow(WorkflowHandle handle, long bytesPerTask, TaskLogSink to) {
            followed = handle;
            bytes = bytesPerTask;
            sink = to;
            return () -> to.line("run-release-test", "last words");
        }
    }

    private static RunEvent event(String state, String message) {
        return new RunEvent(Instant.parse("2026-11-29T03:00:00Z"), state, RunEvent.Level.INFO, message);
    }

    @Test
    void linesArePrefixedByTheirTaskScrubbedAndAllPrintedBeforeTheStateThatEndsTheWait() {
        ScriptedPort port = new ScriptedPort();
        LiveProgress live = new LiveProgress(EventFormat.TEXT, new PrintWriter(err), clock);
        FollowedTaskLogs logs = new FollowedTaskLogs(live, port, HANDLE, 1024);
        logs.onSecrets(Scrubber.of(Map.of("API_TOKEN", "tok-123456")));
        assertThat(port.sink).as("nothing is followed before the wait").isNull();

        logs.onEvent(event("Waiting", "waiting"));
        logs.onWaiting(new Deadlines(Duration.ofMinutes(60), Duration.ofMinutes(70)), Instant.parse("2026-11-29T03:00:00Z"));
        port.sink.line("keygen-admin", "generated key for tok-123456");
        logs.onEvent(event("Terminal", "PASSED"));

        assertThat(port.followed).isEqualTo(HANDLE);
        assertThat(port.bytes).isEqualTo(1024);
        assertThat(err.toString().split("\n")).containsExactly(
                "2026-11-29T03:00:00Z INFO  [Waiting] waiting",
                "keygen-admin | generated key for <secret API_TOKEN>",
                "run-release-test | last words",
                "2026-11-29T03:00:00Z INFO  [Terminal] PASSED");
    }

    @Test
    void inJsonEachLineIsAnEventOfTheRunNamingItsTask() {
        ScriptedPort port = new ScriptedPort();
        LiveProgress live = new LiveProgress(EventFormat.JSON, new PrintWriter(err), clock).forRun("42", "release-test");
        try (FollowedTaskLogs logs = new FollowedTaskLogs(live, port, HANDLE, 1024)) {
            logs.onEvent(event("Waiting", "waiting"));
            logs.onWaiting(new Deadlines(Duration.ofMinutes(60), Duration.ofMinutes(70)), Instant.parse("2026-11-29T03:00:00Z"));
            port.sink.line("keygen-admin", "{\"not\": \"json of ours\"}");
        }
        String[] lines = err.toString().split("\n");
        JsonNode line = JsonMapper.builder().build().readTree(lines[1]);
        assertThat(line.path("source").asString()).isEqualTo("task");
        assertThat(line.path("task").asString()).isEqualTo("keygen-admin");
        assertThat(line.path("message").asString()).isEqualTo("{\"not\": \"json of ours\"}");
        assertThat(line.path("runId").asString()).isEqualTo("42");
        assertThat(line.path("state").asString()).isEqualTo("Waiting");
        assertThat(lines).hasSize(3);
    }
}
