package dev.workflowrun.runner.progress;

import dev.workflowrun.runner.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code --log-format=json} every line on stderr is one JSON object of the run (runId,
 * scenario, state, level), whatever printed it, and the last one says how the run ended.
 */
class JsonEventStreamTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private record Ran(int code, List<JsonNode> events) {
        JsonNode last() {
            return events.get(events.size() - 1);
        }
    }

    private Ran sandbox(String runId, StringWriter err, String... more) {
        List<String> args = new ArrayList<>(List.of("sandbox", "--log-format=json", "--runs-dir=" + dir, "--run-id=" + runId));
        args.addAll(List.of(more));
        int code = WorkflowRun.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));
        return new Ran(code, parseEveryLine(err.toString(), runId));
    }

    private static List<JsonNode> parseEveryLine(String stderr, String runId) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            JsonNode event;
            try {
                event = JSON.readTree(line);
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON line on stderr: " + line, e);
            }
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.path("runId").asString()).as(line).isEqualTo(runId);
            assertThat(event.path("scenario").asString()).as(line).isEqualTo("release-test");
            assertThat(event.path("state").asString()).as(line).isNotEmpty();
            assertThat(event.path("level").asString()).as(line).isIn("INFO", "WARN", "ERROR");
            assertThat(event.path("time").asString()).as(line).isNotEmpty();
            events.add(event);
        }
        return events;
    }

    @Test
    void aPassingRunEndsWithTheOutcomeAndExitCode() {
        Ran ran = sandbox("json-pass", new StringWriter(), "--speed=600");

        assertThat(ran.code()).isZero();
        assertThat(ran.last().path("state").asString()).isEqualTo("Finished");
        assertThat(ran.last().path("outcome").asString()).isEqualTo("PASSED");
        assertThat(ran.last().path("exitCode").asInt()).isZero();
        assertThat(ran.last().path("level").asString()).isEqualTo("INFO");
        assertThat(ran.events()).noneMatch(e -> e.path("level").asString().equals("ERROR"));
    }

    @Test
    void aFailedTaskIsAnErrorNamingTheDecidingTask() {
        Ran ran = sandbox("json-fail", new StringWriter(), "--speed=600", "--simulate=run-release-test=exit:1");

        assertThat(ran.code()).isEqualTo(1);
        assertThat(ran.last().path("outcome").asString()).isEqualTo("TASK_FAILED");
        assertThat(ran.last().path("exitCode").asInt()).isEqualTo(1);
        assertThat(ran.last().path("decidingTask").asString()).isEqualTo("run-release-test");
        assertThat(ran.last().path("level").asString()).isEqualTo("ERROR");
        assertThat(ran.events()).filteredOn(e -> e.path("state").asString().equals("Terminal"))
                .singleElement().satisfies(e -> assertThat(e.path("level").asString()).isEqualTo("ERROR"));
    }

    @Test
    void sigtermKeepsEveryLineJsonAndTheHeartbeatSaysWhatIsRunning() throws Exception {
        StringWriter err = new StringWriter();
        CompletableFuture<Ran> ran = CompletableFuture.supplyAsync(() -> sandbox("json-term", err, "--speed=60", "--heartbeat=1s",
                "--simulate=run-release-test=overrun"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // Wait for a heartbeat while a task runs (on a busy machine the first one may come before any task started).
        while (!err.toString().matches("(?s).*\"runningFor\":\"[^\"]+\"[^\n]*\"heartbeat\":true.*") && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

        Ran result = ran.get(90, TimeUnit.SECONDS);
        assertThat(result.code()).isEqualTo(4);
        assertThat(result.events()).anySatisfy(e -> {
            assertThat(e.path("message").asString()).contains("received SIGTERM");
            assertThat(e.path("level").asString()).isEqualTo("WARN");
        });
        assertThat(result.events()).anySatisfy(e -> {
            assertThat(e.path("heartbeat").asBoolean()).isTrue();
            assertThat(e.path("message").asString()).contains("still waiting: running ");
            assertThat(e.path("runningFor").asString()).isNotEmpty();
        });
        assertThat(result.last().path("outcome").asString()).isEqualTo("INTERRUPTED");
        assertThat(result.last().path("exitCode").asInt()).isEqualTo(4);
        assertThat(result.last().path("level").asString()).isEqualTo("WARN");
    }
}
