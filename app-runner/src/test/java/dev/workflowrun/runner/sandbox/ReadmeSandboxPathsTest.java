package dev.workflowrun.runner.sandbox;

import dev.workflowrun.runner.WorkflowRunAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure paths the README's sandbox section shows, each run as written there: the Task's own
 * deadline ending a plain overrun with no soft warning; {@code --simulate=overrun} (and explicit deadlines)
 * giving the soft warning once and then the hard-deadline abort; {@code --follow-logs}; and {@code judge}
 * of the bundle as JSON and YAML.
 */
class ReadmeSandboxPathsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private record Ran(int code, String out, String err) {
        List<String> lines() {
            return List.of(err.split("\n"));
        }
    }

    private Ran workflowRun(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Ran(code, out.toString(), err.toString());
    }

    private Ran sandbox(String... args) {
        List<String> all = new ArrayList<>(List.of("sandbox", "--runs-dir=" + dir));
        all.addAll(List.of(args));
        return workflowRun(all.toArray(String[]::new));
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aTaskThatOverrunsIsEndedByItsOwnDeadlineWithoutASoftWarning() {
        Ran ran = sandbox("--simulate=run-release-test=overrun", "--speed=600");

        assertThat(ran.code()).as(ran.err()).isEqualTo(3);
        assertThat(ran.err()).doesNotContain("soft deadline", "hard deadline 1h10m passed");
        assertThat(ran.out()).contains("TIMED_OUT", "run-release-test");
    }

    @Test
    void overrunOnItsOwnGivesTheSoftWarningOnceAndThenTheHardDeadlineAbort() {
        Ran ran = sandbox("--simulate=overrun", "--speed=600");

        assertThat(ran.code()).as(ran.err()).isEqualTo(3);
        int soft = indexOf(ran.lines(), "soft deadline 1s passed and the Workflow is still running");
        int hard = indexOf(ran.lines(), "hard deadline 2s100ms passed; aborting the Workflow");
        assertThat(soft).as(ran.err()).isNotNegative();
        assertThat(hard).as(ran.err()).isGreaterThan(soft);
        assertThat(ran.lines()).filteredOn(l -> l.contains("soft deadline") && l.contains("passed")).hasSize(1);
        assertThat(ran.lines().get(soft)).contains("WARN");
        assertThat(ran.err()).contains("deadlines 1s soft, 2s100ms hard (scaled)");
    }

    @Test
    void explicitDeadlinesBelowTheTasksOwnShowTheSamePath() {
        Ran ran = sandbox("--simulate=run-release-test=overrun", "--soft-deadline=10m", "--hard-deadline=20m", "--speed=600");

        assertThat(ran.code()).as(ran.err()).isEqualTo(3);
        assertThat(indexOf(ran.lines(), "hard deadline 2s passed")).isGreaterThan(indexOf(ran.lines(), "soft deadline 1s passed"))
                .isGreaterThan(-1);
    }

    @Test
    void followLogsStreamsEachTasksLinesAsJsonEventsAndTheBundleIsJudgedAlikeInJsonAndYaml() throws Exception {
        Ran ran = sandbox("--follow-logs", "--log-format=json", "--speed=600", "--run-id=follow", "--simulate=run-release-test=exit:1");

        assertThat(ran.code()).as(ran.err()).isEqualTo(1);
        List<JsonNode> taskLines = new ArrayList<>();
        for (String line : ran.lines()) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.path("runId").asString()).as(line).isEqualTo("follow");
            if (event.path("source").asString().equals("task")) {
                taskLines.add(event);
            }
        }
        assertThat(taskLines).extracting(e -> e.path("task").asString() + ": " + e.path("message").asString())
                .contains("keygen-admin: keygen-admin: simulated pass", "run-release-test: run-release-test: simulated exit 1")
                .doesNotHaveDuplicates();
        assertThat(taskLines).allSatisfy(e -> assertThat(e.path("state").asString()).isEqualTo("Waiting"));

        Path bundle;
        try (Stream<Path> found = Files.walk(dir)) {
            bundle = found.filter(p -> p.getFileName().toString().equals("run.json")).findFirst().orElseThrow().getParent();
        }
        Ran json = workflowRun("judge", "-o", "json", bundle.toString());
        Ran yaml = workflowRun("judge", "-o", "yaml", bundle.toString());
        assertThat(json.code()).as(json.err()).isEqualTo(1);
        assertThat(yaml.code()).isEqualTo(1);
        JsonNode verdict = JSON.readTree(json.out());
        assertThat(verdict.path("outcome").asString()).isEqualTo("TASK_FAILED");
        assertThat(YAMLMapper.builder().build().readTree(yaml.out())).isEqualTo(verdict);
    }
}
