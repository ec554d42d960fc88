package dev.workflowrun.runner.history;

import dev.workflowrun.domain.history.History;
import dev.workflowrun.domain.history.PastRun;
import dev.workflowrun.domain.history.ScenarioHistory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The model of the history page: per scenario its headline, a chart (outcome by colour, duration by height, oldest left) and its runs. */
record HistoryPage(String title, String summary, List<Scenario> scenarios, List<String> unreadable, String generated) {

    static final int CHART_WIDTH = 900;
    static final int CHART_HEIGHT = 160;

    record Scenario(String name, String headline, String passRate, String current, String currentClass, List<Flaky> flaky, boolean hasFlaky,
                    String trend, Chart chart, List<Run> runs) {
    }

    record Flaky(String task, String commit, String passed, String failed) {
    }

    /** An SVG chart: one bar per run, its height the run's duration against the longest, its colour the outcome. */
    record Chart(String width, String height, List<Column> columns, String maxLabel, String axisY) {
    }

    record Column(String x, String y, String width, String height, String cssClass, String title) {
    }

    record Run(String runId, String attempt, String started, String duration, String outcome, String cssClass, String decidingTask,
               String commit) {
    }

    static HistoryPage of(History h, Instant now) {
        List<Scenario> scenarios = new ArrayList<>();
        for (ScenarioHistory s : h.scenarios()) {
            List<Run> runs = s.runs().stream().map(r -> new Run(r.runId(), String.valueOf(r.attempt()),
                    r.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), HistoryView.human(r.duration()), r.outcome(),
                    css(r.outcome()), r.decidingTask().orElse("-"), r.commit().map(HistoryView::shortCommit).orElse("-"))).toList();
            List<Flaky> flaky = s.flaky().stream().map(f -> new Flaky(f.task(), HistoryView.shortCommit(f.commit()), String.valueOf(f.passed()),
                    String.valueOf(f.failed()))).toList();
            scenarios.add(new Scenario(s.scenario(), HistoryView.headline(s), HistoryView.percent(s.passRate()), s.currentOutcome() + " ×"
                    + s.currentStreak(), css(s.currentOutcome()), flaky, !flaky.isEmpty(), s.trend().describe(), chart(s), runs));
        }
        return new HistoryPage("workflow-run history", h.runs() + " run(s) of " + h.scenarios().size() + " scenario(s) from " + h.store(),
                scenarios, h.unreadable(), "made by workflow-run history at " + now);
    }

    private static Chart chart(ScenarioHistory s) {
        List<PastRun> oldestFirst = new ArrayList<>(s.runs());
        java.util.Collections.reverse(oldestFirst);
        long longest = Math.max(1, oldestFirst.stream().mapToLong(r -> r.duration().toMillis()).max().orElse(1));
        double slot = (double) CHART_WIDTH / Math.max(1, oldestFirst.size());
        double barWidth = Math.max(1, slot * 0.8);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < oldestFirst.size(); i++) {
            PastRun r = oldestFirst.get(i);
            double height = Math.max(2, (CHART_HEIGHT - 10) * (double) r.duration().toMillis() / longest);
            columns.add(new Column(num(i * slot + (slot - barWidth) / 2), num(CHART_HEIGHT - height), num(barWidth), num(height), css(r.outcome()),
                    r.runId() + ": " + r.outcome() + ", " + HistoryView.human(r.duration()) + r.decidingTask().map(t -> ", decided by " + t).orElse("")));
        }
        return new Chart(String.valueOf(CHART_WIDTH), String.valueOf(CHART_HEIGHT), columns,
                "longest " + HistoryView.human(Duration.ofMillis(longest)), String.valueOf(CHART_HEIGHT));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String css(String outcome) {
        return switch (outcome) {
            case "PASSED" -> "ok";
            case "TASK_FAILED", "TIMED_OUT" -> "bad";
            default -> "err";
        };
    }
}
