package dev.workflowrun.domain.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code workflow-run history} on an in-memory store: which attempts are read, and what is computed of them. */
class HistoryTest {

    private static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");

    /** run.json text here is "scenario|runId|attempt|startMinute|minutes|outcome|commit|task=result,..." */
    private static PastRun parse(String key, String text) {
        String[] f = text.split("\\|", -1);
        if (f.length < 7) {
            throw new IllegalArgumentException("not a run.json");
        }
        Map<String, String> tasks = new LinkedHashMap<>();
        if (f.length > 7 && !f[7].isEmpty()) {
            for (String t : f[7].split(",")) {
                tasks.put(t.split("=")[0], t.split("=")[1]);
            }
        }
        Instant start = T0.plus(Duration.ofMinutes(Long.parseLong(f[3])));
        return new PastRun(f[0], f[1], Integer.parseInt(f[2]), start, start.plus(Duration.ofMinutes(Long.parseLong(f[4]))), f[5],
                Optional.empty(), f[6].isEmpty() ? Optional.empty() : Optional.of(f[6]), tasks, key);
    }

    private static final class Store implements ReadRunSummariesPort {
        final Map<String, String> texts = new LinkedHashMap<>();
        final Map<String, Instant> written = new LinkedHashMap<>();
        final List<String> reads = new ArrayList<>();

        Store put(String key, int writtenMinute, String text) {
            texts.put(key, text);
            written.put(key, T0.plus(Duration.ofMinutes(writtenMinute)));
            return this;
        }

        @Override
        public void listSummaries(String prefix, Consumer<List<StoredSummary>> page) {
            List<StoredSummary> all = new ArrayList<>();
            written.forEach((k, t) -> {
                if (k.startsWith(prefix)) {
                    all.add(new StoredSummary(k, t));
                }
            });
            page.accept(all.subList(0, all.size() / 2));
            page.accept(all.subList(all.size() / 2, all.size()));
        }

        @Override
        public synchronized String read(String key) {
            reads.add(key);
            String text = texts.get(key);
            if (text.equals("boom")) {
                throw new IllegalStateException("disk error");
            }
            return text;
        }

        @Override
        public String describe() {
            return "memory://runs";
        }
    }

    @Test
    void theLatestAttemptOfTheNewestRunsIsReadAndNothingElse() {
        Store store = new Store()
                .put("nightly/a/r1/attempt-1/run.json", 10, "a|r1|1|0|30|INFRA_FAILED|c1|t=ERROR")
                .put("nightly/a/r1/attempt-2/run.json", 50, "a|r1|2|40|30|PASSED|c1|t=PASSED")
                .put("nightly/a/r2/attempt-1/run.json", 200, "a|r2|1|180|30|TASK_FAILED|c1|t=FAILED")
                .put("nightly/a/r3/attempt-1/run.json", 300, "a|r3|1|280|30|PASSED|c2|t=PASSED")
                .put("nightly/b/r1/attempt-1/run.json", 20, "b|r1|1|0|10|PASSED||")
                .put("nightly/b/r1/attempt-1/rendered.yaml", 20, "x")
                .put("nightly/a/r4/attempt-x/run.json", 400, "bad");

        History h = new ReadHistory(store, HistoryTest::parse, 2).read("nightly/", Optional.empty(), 2);

        assertThat(h.store()).isEqualTo("memory://runs");
        assertThat(h.listed()).isEqualTo(7);
        assertThat(store.reads).containsExactlyInAnyOrder("nightly/a/r3/attempt-1/run.json", "nightly/a/r2/attempt-1/run.json",
                "nightly/b/r1/attempt-1/run.json");
        assertThat(h.scenarios()).extracting(ScenarioHistory::scenario).containsExactly("a", "b");
        assertThat(h.runs()).isEqualTo(3);
        assertThat(h.unreadable()).isEmpty();
    }

    @Test
    void aRetryIsCountedByItsLatestAttemptOnly() {
        Store store = new Store()
                .put("nightly/a/r1/attempt-2/run.json", 50, "a|r1|2|40|30|PASSED|c1|")
                .put("nightly/a/r1/attempt-1/run.json", 60, "a|r1|1|0|30|INFRA_FAILED|c1|")
                .put("nightly/a/r1/attempt-3/run.json", 40, "a|r1|3|80|30|TIMED_OUT|c1|");

        History h = new ReadHistory(store, HistoryTest::parse, 1).read("nightly/", Optional.of("a"), 5);

        assertThat(store.reads).containsExactly("nightly/a/r1/attempt-3/run.json");
        assertThat(h.scenarios().get(0).currentOutcome()).isEqualTo("TIMED_OUT");
    }

    @Test
    void onlyTheAskedScenarioIsRead() {
        Store store = new Store().put("n/a/r1/attempt-1/run.json", 1, "a|r1|1|0|1|PASSED||").put("n/b/r1/attempt-1/run.json", 1, "b|r1|1|0|1|PASSED||");

        History h = new ReadHistory(store, HistoryTest::parse, 4).read("n/", Optional.of("b"), 1);

        assertThat(h.scenarios()).extracting(ScenarioHistory::scenario).containsExactly("b");
        assertThat(store.reads).containsExactly("n/b/r1/attempt-1/run.json");
    }

    @Test
    void anUnreadableRunIsListedAndAFailingReadIsAnError() {
        Store unreadable = new Store().put("n/a/r1/attempt-1/run.json", 1, "a|r1|1|0|1|PASSED||").put("n/a/r2/attempt-1/run.json", 2, "garbage");
        Store failing = new Store().put("n/a/r1/attempt-1/run.json", 1, "boom");

        History h = new ReadHistory(unreadable, HistoryTest::parse, 4).read("n/", Optional.empty(), 5);

        assertThat(h.unreadable()).containsExactly("n/a/r2/attempt-1/run.json: not a run.json");
        assertThat(h.runs()).isEqualTo(1);
        assertThatThrownBy(() -> new ReadHistory(failing, HistoryTest::parse, 4).read("n/", Optional.empty(), 5))
                .isInstanceOf(HistoryException.class).hasMessageContaining("reading n/a/r1/attempt-1/run.json from memory://runs failed");
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> new ReadHistory(new Store(), HistoryTest::parse, 0)).hasMessageContaining("parallelism must be at least 1");
        assertThatThrownBy(() -> new ReadHistory(new Store(), HistoryTest::parse, 1).read("n/", Optional.empty(), 0))
                .hasMessageContaining("--last must be at least 1");
        assertThat(new ReadHistory(new Store(), HistoryTest::parse, 1).read("n/", Optional.empty(), 1).scenarios()).isEmpty();
    }

    @Test
    void whereASummarySits() {
        assertThat(new StoredSummary("p/nightly/a/r1/attempt-3/run.json", T0).place())
                .contains(new StoredSummary.Place("p/nightly/a/r1/", "a", "r1", 3));
        assertThat(new StoredSummary("a/r1/attempt-1/run.json", T0).place()).isPresent();
        assertThat(new StoredSummary("r1/attempt-1/run.json", T0).place()).isEmpty();
        assertThat(new StoredSummary("n/a/r1/attempt-1/other.json", T0).place()).isEmpty();
        assertThat(new StoredSummary("n/a/r1/tries-1/run.json", T0).place()).isEmpty();
    }

    private static PastRun run(String id, int startMinute, int minutes, String outcome, String commit, Map<String, String> tasks) {
        Instant start = T0.plus(Duration.ofMinutes(startMinute));
        return new PastRun("a", id, 1, start, start.plus(Duration.ofMinutes(minutes)), outcome, Optional.empty(),
                Optional.ofNullable(commit), tasks, id);
    }

    @Test
    void streaksPassRateAndTheCurrentOutcomeFromTheNewestRun() {
        ScenarioHistory h = ScenarioHistory.of("a", List.of(
                run("r1", 0, 10, "PASSED", null, Map.of()),
                run("r2", 100, 10, "PASSED", null, Map.of()),
                run("r3", 200, 10, "PASSED", null, Map.of()),
                run("r4", 300, 10, "TASK_FAILED", null, Map.of()),
                run("r5", 400, 10, "PASSED", null, Map.of()),
                run("r6", 500, 10, "PASSED", null, Map.of())));

        assertThat(h.runs()).extracting(PastRun::runId).containsExactly("r6", "r5", "r4", "r3", "r2", "r1");
        assertThat(h.currentOutcome()).isEqualTo("PASSED");
        assertThat(h.currentStreak()).isEqualTo(2);
        assertThat(h.longestStreak()).isEqualTo(3);
        assertThat(h.passRate()).isEqualTo(5.0 / 6);
    }

    @Test
    void noRunsIsAnEmptyHistory() {
        ScenarioHistory h = ScenarioHistory.of("a", List.of());

        assertThat(h.currentOutcome()).isEqualTo("NONE");
        assertThat(h.trend().describe()).isEqualTo("not enough runs (4 needed)");
    }

    @Test
    void aTaskThatPassedAndFailedAtOneCommitIsFlaky() {
        ScenarioHistory h = ScenarioHistory.of("a", List.of(
                run("r1", 0, 10, "PASSED", "c1", Map.of("t1", "PASSED", "t2", "PASSED")),
                run("r2", 10, 10, "TASK_FAILED", "c1", Map.of("t1", "FAILED", "t2", "PASSED")),
                run("r3", 20, 10, "INFRA_FAILED", "c1", Map.of("t1", "ERROR", "t3", "SKIPPED")),
                run("r4", 30, 10, "TASK_FAILED", "c2", Map.of("t2", "FAILED")),
                run("r5", 40, 10, "TASK_FAILED", null, Map.of("t2", "PASSED", "t4", "FAILED"))));

        assertThat(h.flaky()).containsExactly(new ScenarioHistory.FlakyTask("t1", "c1", 1, 2));
        assertThat(h.tasks()).containsExactly("t1", "t2", "t3", "t4");
    }

    @Test
    void theTrendComparesTheNewerHalfsMedianWithTheOlderHalfs() {
        ScenarioHistory slower = ScenarioHistory.of("a", List.of(
                run("r1", 0, 10, "PASSED", null, Map.of()), run("r2", 100, 12, "PASSED", null, Map.of()),
                run("r3", 200, 20, "PASSED", null, Map.of()), run("r4", 300, 16, "PASSED", null, Map.of()),
                run("r5", 400, 99, "PASSED", null, Map.of())));
        ScenarioHistory steady = ScenarioHistory.of("a", List.of(
                run("r1", 0, 10, "PASSED", null, Map.of()), run("r2", 100, 10, "PASSED", null, Map.of()),
                run("r3", 200, 10, "PASSED", null, Map.of()), run("r4", 300, 10, "PASSED", null, Map.of())));
        ScenarioHistory faster = ScenarioHistory.of("a", List.of(
                run("r1", 0, 20, "PASSED", null, Map.of()), run("r2", 100, 20, "PASSED", null, Map.of()),
                run("r3", 200, 10, "PASSED", null, Map.of()), run("r4", 300, 10, "PASSED", null, Map.of())));
        ScenarioHistory three = ScenarioHistory.of("a", List.of(
                run("r1", 0, 20, "PASSED", null, Map.of()), run("r2", 100, 20, "PASSED", null, Map.of()),
                run("r3", 200, 10, "PASSED", null, Map.of())));

        assertThat(slower.trend().olderMedian()).contains(Duration.ofMinutes(12));
        assertThat(slower.trend().newerMedian()).contains(Duration.ofMinutes(99));
        assertThat(slower.trend().describe()).isEqualTo("slower (+725%: median 12m, then 1h39m)");
        assertThat(steady.trend().describe()).startsWith("steady (+0%");
        assertThat(faster.trend().describe()).startsWith("faster (-50%");
        assertThat(three.trend().change()).isEmpty();
    }

    @Test
    void aRunThatEndedBeforeItStartedLastsNothing() {
        Instant start = T0.plusSeconds(60);
        PastRun odd = new PastRun("a", "r", 1, start, T0, "PASSED", Optional.empty(), Optional.empty(), Map.of(), "k");
        assertThat(odd.duration()).isZero();
        assertThat(odd.passed()).isTrue();
        assertThat(run("r", 0, 5, "TASK_FAILED", null, Map.of()).passed()).isFalse();
    }
}
