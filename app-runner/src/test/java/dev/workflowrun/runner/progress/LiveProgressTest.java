package dev.workflowrun.runner.progress;

import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.run.RunEvent;
import dev.workflowrun.domain.run.RunJournal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LiveProgressTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T03:10:00Z"), ZoneOffset.UTC);
    private final StringWriter err = new StringWriter();

    @Test
    void textShowsStateChangesAndProgressAgainstTheDeadlinesOnlyWhenSomethingChanged() {
        LiveProgress live = new LiveProgress(EventFormat.TEXT, new PrintWriter(err), clock);
        live.onEvent(new RunEvent(Instant.parse("2026-11-29T03:00:00Z"), "Waiting", RunEvent.Level.INFO, "waiting for ns/wf (soft 60m, hard 1h10m)"));
        live.onWaiting(new Deadlines(Duration.ofMinutes(60), Duration.ofMinutes(70)), Instant.parse("2026-11-29T03:00:00Z"));
        live.onProgress(new Progress(2, 5, Optional.of("provision-rpc-fleet")));
        live.onProgress(new Progress(2, 5, Optional.of("provision-rpc-fleet")));

        String[] lines = err.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("2026-11-29T03:00:00Z INFO  [Waiting] waiting for ns/wf (soft 60m, hard 1h10m)");
        assertThat(lines[1]).contains("[Waiting] 2/5 nodes finished, running provision-rpc-fleet; elapsed 10m", "of soft 1h, hard 1h10m");
    }

    @Test
    void jsonWritesOneObjectALineLiveAndInTheOrchestratorLog() {
        LiveProgress live = new LiveProgress(EventFormat.JSON, new PrintWriter(err), clock);
        RunJournal journal = new RunJournal(clock, live);
        journal.enter("Fetched", "fetched scenarios/release-test.yaml");
        live.onProgress(new Progress(1, 5, Optional.empty()));

        JsonMapper json = JsonMapper.builder().build();
        for (String line : err.toString().split("\n")) {
            JsonNode node = json.readTree(line);
            assertThat(node.path("time").asString()).isEqualTo("2026-11-29T03:10:00Z");
        }
        assertThat(live.orchestratorLog(journal).strip().split("\n")).allSatisfy(line -> assertThat(json.readTree(line).path("state").asString()).isNotEmpty());
        assertThat(live.orchestratorLog(journal)).contains("\"state\":\"Fetched\"");
        assertThat(live.linesSoFar()).hasSize(2);
    }
}
