package dev.workflowrun.runner.history;

import dev.workflowrun.domain.history.History;
import dev.workflowrun.domain.history.PastRun;
import dev.workflowrun.domain.history.ScenarioHistory;
import dev.workflowrun.runner.report.ReportTemplates;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The three ways history is shown: a table for people, JSON for scripts, a page with a chart. All from one {@link History}. */
public final class HistoryView {

    private HistoryView() {
    }

    public static void text(History h, PrintWriter out) {
        out.println("workflow-run history: " + h.runs() + " run(s) of " + h.scenarios().size() + " scenario(s) from " + h.store()
                + " (" + h.listed() + " run.json listed)");
        for (ScenarioHistory s : h.scenarios()) {
            out.println();
            out.println(headline(s));
            s.flaky().forEach(f -> out.println("  flaky: " + f.task() + " at " + shortCommit(f.commit()) + " (" + f.passed() + " passed, "
                    + f.failed() + " failed)"));
            out.println(String.format(Locale.ROOT, "  %-28s %-20s %9s  %-12s %-26s %s", "RUN ID", "START", "DURATION", "OUTCOME", "DECIDING TASK", "COMMIT"));
            for (PastRun r : s.runs()) {
                out.println(String.format(Locale.ROOT, "  %-28s %-20s %9s  %-12s %-26s %s", r.runId() + (r.attempt() > 1 ? " #" + r.attempt() : ""),
                        r.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), human(r.duration()), r.outcome(),
                        r.decidingTask().orElse("-"), r.commit().map(HistoryView::shortCommit).orElse("-")));
            }
        }
        h.unreadable().forEach(u -> out.println("unreadable: " + u));
        out.flush();
    }

    static String headline(ScenarioHistory s) {
        long passed = s.runs().stream().filter(PastRun::passed).count();
        return s.scenario() + ": " + s.runs().size() + " run(s), pass rate " + percent(s.passRate()) + " (" + passed + "/" + s.runs().size() + "), now "
                + s.currentOutcome() + " " + s.currentStreak() + " in a row (longest " + s.longestStreak() + "), duration "
                + s.trend().describe() + (s.flaky().isEmpty() ? ", no flaky task" : ", " + s.flaky().size() + " flaky task(s)");
    }

    public static Map<String, Object> json(History h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", h.store());
        m.put("listed", h.listed());
        m.put("runs", h.runs());
        List<Object> scenarios = new ArrayList<>();
        for (ScenarioHistory s : h.scenarios()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("scenario", s.scenario());
            sm.put("runs", s.runs().size());
            sm.put("passRate", Math.round(s.passRate() * 1000) / 1000.0);
            sm.put("currentOutcome", s.currentOutcome());
            sm.put("currentStreak", s.currentStreak());
            sm.put("longestStreak", s.longestStreak());
            sm.put("flakyTasks", s.flaky().stream().map(f -> {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("task", f.task());
                fm.put("commit", f.commit());
                fm.put("passed", f.passed());
                fm.put("failed", f.failed());
                return fm;
            }).toList());
            Map<String, Object> trend = new LinkedHashMap<>();
            trend.put("olderMedianMillis", s.trend().olderMedian().map(Duration::toMillis));
            trend.put("newerMedianMillis", s.trend().newerMedian().map(Duration::toMillis));
            trend.put("change", s.trend().change().map(c -> Math.round(c * 1000) / 1000.0));
            trend.put("description", s.trend().describe());
            sm.put("durationTrend", trend);
            sm.put("history", s.runs().stream().map(r -> {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("runId", r.runId());
                rm.put("attempt", r.attempt());
                rm.put("startedAt", r.startedAt().toString());
                rm.put("durationMillis", r.duration().toMillis());
                rm.put("outcome", r.outcome());
                rm.put("decidingTask", r.decidingTask());
                rm.put("commit", r.commit());
                rm.put("runJson", r.key());
                return rm;
            }).toList());
            scenarios.add(sm);
        }
        m.put("scenarios", scenarios);
        m.put("unreadable", h.unreadable());
        return m;
    }

    public static String html(History h, java.time.Instant now) {
        return ReportTemplates.render("history.html.mustache", HistoryPage.of(h, now));
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    static String shortCommit(String commit) {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    static String human(Duration d) {
        if (d.toMillis() < 10_000) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        return dev.workflowrun.domain.variables.GoDuration.format(Duration.ofSeconds(d.getSeconds()));
    }
}
