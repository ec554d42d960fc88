package dev.workflowrun.runner.progress;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The libraries log through SLF4J; while a run logs JSON their warnings are events of that run, in the same encoder. */
class LibraryLogJsonTest {

    private final StringWriter err = new StringWriter();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T03:10:00Z"), ZoneOffset.UTC);

    @Test
    void aLibraryWarningDuringAJsonRunIsOneJsonEventOfThatRunAndItsInfoIsDropped() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).as("the SLF4J provider").startsWith(LibraryLog.class.getName());
        try (LiveProgress live = new LiveProgress(EventFormat.JSON, new PrintWriter(err), clock).forRun("run-7", "release-test")) {
            live.onEvent(new dev.workflowrun.domain.run.RunEvent(clock.instant(), "Waiting", dev.workflowrun.domain.run.RunEvent.Level.INFO, "waiting"));
            LoggerFactory.getLogger("io.fabric8.kubernetes.client.dsl.internal.WatcherWebSocketListener").warn("watch closed: {}", "1011");
            LoggerFactory.getLogger("org.eclipse.jgit.transport.PacketLineIn").info("chatty detail");
            LoggerFactory.getLogger("software.amazon.awssdk.core.Retry").error("request failed", new IllegalStateException("boom"));
        }

        String[] lines = err.toString().split("\n");
        assertThat(lines).hasSize(3);
        JsonMapper json = JsonMapper.builder().build();
        JsonNode warning = json.readTree(lines[1]);
        assertThat(warning.path("level").asString()).isEqualTo("WARN");
        assertThat(warning.path("state").asString()).isEqualTo("Waiting");
        assertThat(warning.path("runId").asString()).isEqualTo("run-7");
        assertThat(warning.path("scenario").asString()).isEqualTo("release-test");
        assertThat(warning.path("source").asString()).isEqualTo("library");
        assertThat(warning.path("message").asString()).contains("watch closed: 1011");
        JsonNode error = json.readTree(lines[2]);
        assertThat(error.path("level").asString()).isEqualTo("ERROR");
        assertThat(error.path("message").asString()).contains("request failed", "boom");
    }
}
