package dev.workflowrun.runner.history;

import dev.workflowrun.domain.history.History;
import dev.workflowrun.domain.history.ReadHistory;
import dev.workflowrun.domain.history.ScenarioHistory;
import dev.workflowrun.adapters.s3.RunSummaryStores;
import dev.workflowrun.runner.WorkflowRunAccess;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryCommandTest {

    static final String C1 = "1111111111111111111111111111111111111111";
    static final String C2 = "2222222222222222222222222222222222222222";
    static final Instant NIGHT = Instant.parse("2026-11-01T02:00:00Z");

    @TempDir
    Path runs;

    /** Writes one attempt's run.json the way the runner does, dated {@code night} nights after the first. */
    static void run(Path root, String prefix, String scenario, String runId, int attempt, int night, String outcome, String commit,
                    Duration took, Map<String, String> tasks) throws IOException {
        Path dir = root.resolve(prefix).resolve(scenario).resolve(runId).resolve("attempt-" + attempt);
        Files.createDirectories(dir.resolve("logs/some-pod"));
        Files.writeString(dir.resolve("logs/some-pod/task.log"), "log\n");
        Instant start = NIGHT.plus(Duration.ofDays(night));
        StringBuilder t = new StringBuilder();
        tasks.forEach((name, result) -> t.append(t.length() == 0 ? "" : ",").append("{\"name\":\"").append(name).append("\",\"result\":\"")
                .append(result).append("\"}"));
        String json = "{\n  \"scenario\": \"" + scenario + "\",\n  \"runId\": \"" + runId + "\",\n  \"commit\": \"" + commit + "\",\n  \"outcome\": \""
                + outcome + "\",\n  \"decidingTask\": " + (outcome.equals("PASSED") ? "null" : "\"run-tests\"") + ",\n  \"attempt\": " + attempt
                + ",\n  \"startedAt\": \"" + start + "\",\n  \"finishedAt\": \"" + start.plus(took) + "\",\n  \"tasks\": [" + t + "]\n}\n";
        Path file = dir.resolve("run.json");
        Files.writeString(file, json);
        Files.setLastModifiedTime(file, FileTime.from(start.plus(took).plusSeconds(attempt)));
    }

    private void smallHistory() throws IOException {
        Map<String, String> pass = Map.of("setup", "PASSED", "run-tests", "PASSED");
        Map<String, String> fail = Map.of("setup", "PASSED", "run-tests", "FAILED");
        run(runs, "sandbox", "release-test", "n1", 1, 1, "PASSED", C1, Duration.ofMinutes(10), pass);
        run(runs, "sandbox", "release-test", "n2", 1, 2, "TASK_FAILED", C1, Duration.ofMinutes(11), fail);
        run(runs, "sandbox", "release-test", "n3", 1, 3, "PASSED", C2, Duration.ofMinutes(10), pass);
        // A retried night: attempt 1 failed on infrastructure, attempt 2 passed; it counts once, as PASSED.
        run(runs, "sandbox", "release-test", "n4", 1, 4, "INFRA_FAILED", C2, Duration.ofMinutes(2), Map.of());
        run(runs, "sandbox", "release-test", "n4", 2, 4, "PASSED", C2, Duration.ofMinutes(14), pass);
        // Attempt 3 of n4 was cut short before it wrote run.json: attempt 2 stays the latest.
        Files.createDirectories(runs.resolve("sandbox/release-test/n4/attempt-3"));
        run(runs, "sandbox", "release-test", "n5", 1, 5, "TASK_FAILED", C2, Duration.ofMinutes(15), fail);
        run(runs, "fallback/sandbox", "release-test", "n6", 1, 6, "TASK_FAILED", C2, Duration.ofMinutes(16), fail);
        run(runs, "sandbox", "load-test", "l1", 1, 1, "PASSED", C1, Duration.ofMinutes(30), Map.of("load", "PASSED"));
        Files.writeString(runs.resolve("sandbox/release-test/n1/attempt-1/index.html"), "<html></html>");
    }

    record Ran(int code, String out, String err) {
    }

    private static Ran history(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "history";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = WorkflowRunAccess.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Ran(code, out.toString(), err.toString());
    }

    @Test
    void aRunCountsOnceByItsLatestAttemptAndEachScenarioHasItsRateStreakFlakyTasksAndTrend() throws IOException {
        smallHistory();

        History h = new ReadHistory(RunSummaryStores.directory(runs).store(), RunJson::parse, 4).read("", Optional.empty(), 20);

        assertThat(h.scenarios()).extracting(ScenarioHistory::scenario).containsExactly("load-test", "release-test");
        ScenarioHistory release = h.scenarios().get(1);
        assertThat(release.runs()).extracting(r -> r.runId() + "#" + r.attempt() + " " + r.outcome()).containsExactly(
                "n6#1 TASK_FAILED", "n5#1 TASK_FAILED", "n4#2 PASSED", "n3#1 PASSED", "n2#1 TASK_FAILED", "n1#1 PASSED");
        assertThat(release.passRate()).isEqualTo(0.5);
        assertThat(release.currentOutcome()).isEqualTo("TASK_FAILED");
        assertThat(release.currentStreak()).isEqualTo(2);
        assertThat(release.longestStreak()).isEqualTo(2);
        assertThat(release.flaky()).containsExactly(new ScenarioHistory.FlakyTask("run-tests", C1, 1, 1),
                new ScenarioHistory.FlakyTask("run-tests", C2, 2, 2));
        assertThat(release.trend().describe()).startsWith("slower (+50%");
        assertThat(h.listed()).isEqualTo(8);
        assertThat(h.unreadable()).isEmpty();
    }

    @Test
    void lastKeepsTheNewestRunsOfEachScenarioAndScenarioKeepsOne() throws IOException {
        smallHistory();

        History h = new ReadHistory(RunSummaryStores.directory(runs).store(), RunJson::parse, 2).read("", Optional.of("release-test"), 3);

        assertThat(h.scenarios()).hasSize(1);
        assertThat(h.scenarios().get(0).runs()).extracting(r -> r.runId()).containsExactly("n6", "n5", "n4");
    }

    @Test
    void theCommandPrintsATableJsonAndWritesAPageWithAChart() throws IOException {
        smallHistory();
        Files.writeString(runs.resolve("sandbox/release-test/n1/attempt-1/run.json"), "{ not json");
        Path page = runs.resolveSibling(runs.getFileName() + "-history.html");

        Ran text = history(runs.toString(), "--html=" + page);
        Ran json = history(runs.toString(), "-o", "json", "--scenario=release-test");

        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("release-test: 5 run(s), pass rate 40% (2/5), now TASK_FAILED 2 in a row (longest 2)")
                .contains("flaky: run-tests at 222222222222 (2 passed, 2 failed)")
                .containsPattern("n4 #2 +2026-11-05T02:00:00Z +14m +PASSED +- +222222222222")
                .contains("unreadable: sandbox/release-test/n1/attempt-1/run.json: not JSON");
        assertThat(json.code()).isZero();
        assertThat(json.out()).contains("\"currentStreak\": 2").contains("\"passRate\": 0.4").doesNotContain("load-test");
        Document html = Jsoup.parse(Files.readString(page));
        assertThat(html.select("section.scenario").eachAttr("data-scenario")).containsExactly("load-test", "release-test");
        assertThat(html.select("[data-scenario=release-test] svg rect")).hasSize(5);
        assertThat(html.select("[data-scenario=release-test] svg rect").eachAttr("class")).containsExactly("bad", "ok", "ok", "bad", "bad");
        assertThat(html.select("[data-scenario=release-test] tr.flaky")).hasSize(1);
        assertThat(html.select("[data-scenario=release-test] tr.run")).hasSize(5);
    }

    @Test
    void aDirectoryThatIsNotThereIsSaidPlainly() {
        Ran ran = history(runs.resolve("nope").toString());

        assertThat(ran.code()).isEqualTo(2);
        assertThat(ran.err()).contains("there is no directory").contains("nope");
    }

    /** Scale: ten thousand runs in a local directory. The time is printed; measured by hand on the packaged jar too (README). */
    @Test
    void tenThousandRuns() throws IOException {
        List<String> scenarios = List.of("release-test", "load-test", "major-upgrade", "soak", "upgrade-rollback");
        Map<String, String> pass = Map.of("setup", "PASSED", "run-tests", "PASSED");
        Map<String, String> fail = Map.of("setup", "PASSED", "run-tests", "FAILED");
        for (int i = 0; i < 10_000; i++) {
            String scenario = scenarios.get(i % scenarios.size());
            boolean failed = i % 7 == 0;
            run(runs, "nightly", scenario, String.format("r%05d", i), 1, i / scenarios.size(), failed ? "TASK_FAILED" : "PASSED",
                    i % 2 == 0 ? C1 : C2, Duration.ofMinutes(10 + i % 5), failed ? fail : pass);
        }

        long start = System.nanoTime();
        Ran ran = history(runs.toString(), "--last=100000", "-o", "json");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(ran.code()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("\"runs\": 10000").contains("\"listed\": 10000");
        System.out.println("history of 10000 runs in a local directory: " + took.toMillis() + " ms");
    }
}
