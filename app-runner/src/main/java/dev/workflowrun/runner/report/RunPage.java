package dev.workflowrun.runner.report;

import dev.workflowrun.domain.drift.DriftFinding;
import dev.workflowrun.domain.report.RunRecord;
import dev.workflowrun.domain.run.RunResult;
import dev.workflowrun.domain.text.Scrubber;
import dev.workflowrun.domain.variables.GoDuration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The model of {@code index.html}, computed from the run's record and its captured tree before
 * anything is rendered: every text in it is scrubbed of secrets here (the template escapes it, and
 * an escaped secret would no longer match the scrubber that runs over the finished file), every
 * position of the timeline is a number here. Tests assert on this and on the parsed page.
 */
record RunPage(String title, String scenario, String runId, String attempt, String outcome, String outcomeClass, String exitCode,
               String exitMeaning, String decidingTask, boolean hasDecidingTask, String reason, Timeline timeline, List<TaskRow> tasks,
               Checks checks, List<Fact> facts, List<Fact> images, List<Fact> durations, List<Fact> apiRequests, List<String> problems,
               List<FileLink> files, String generated) {

    record Timeline(boolean hasNodes, String window, List<Bar> bars, List<Marker> runDeadlines, List<Marker> ticks, String note) {
    }

    /** One node: where its bar starts and how wide it is, in percent of the window, and where its own deadline falls. */
    record Bar(String name, String template, String type, String indent, String result, String cssClass, boolean hasBar, String left,
               String width, String start, String duration, boolean hasDeadline, String deadlineLeft, String deadline) {
    }

    record Marker(String label, String left, String cssClass) {
    }

    record TaskRow(String name, String result, String cssClass, String exitCode, String duration, String pod, String message,
                   boolean hasLog, String logFile, String logHref, String logLines, String logTail) {
    }

    record Checks(String lintVerdict, String lintClass, List<String> lintWarnings, boolean hasDrift, List<DriftRow> drift, String note) {
    }

    record DriftRow(String rule, String expected, String actual, String verdict, String cssClass, String message) {
    }

    record Fact(String key, String value) {
    }

    record FileLink(String name, String href) {
    }

    private static final List<String> LIFECYCLE = List.of("Planned", "Fetched", "Rendered", "Verified", "Applied", "Waiting", "Terminal",
            "Captured", "CleanedUp", "Publishing", "Finished");

    static RunPage of(RunRecord record, CapturedTree tree, List<TaskEvidence> tasks, List<String> reportFiles) {
        RunResult r = record.result();
        Scrubber s = record.scrubber();
        String outcome = r.outcome().map(Enum::name).orElse("REJECTED");
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("scenario", r.command().scenario()));
        facts.add(new Fact("repository", r.command().scenarioRef().displayRepository()));
        facts.add(new Fact("ref", r.command().scenarioRef().ref()));
        facts.add(new Fact("path", r.command().scenarioRef().path()));
        facts.add(new Fact("commit", r.commit().orElse("(not fetched)")));
        facts.add(new Fact("namespace", r.command().namespace()));
        facts.add(new Fact("workflow", r.workflow().map(w -> w.name()).orElse("(not applied)")
                + r.applyResult().map(a -> " (" + a.name().toLowerCase(Locale.ROOT) + ")").orElse("")));
        facts.add(new Fact("attempt", r.attempt() + (r.earlierAttempts().isEmpty() ? "" : "; earlier: " + r.earlierAttempts().stream()
                .map(a -> a.number() + " " + a.outcome().orElse("(cut short)")).collect(Collectors.joining(", ")))));
        r.deadlines().ifPresent(d -> facts.add(new Fact("deadlines", "soft " + GoDuration.format(d.soft()) + ", hard " + GoDuration.format(d.hard())
                + (r.softDeadlineWarned() ? " (the soft deadline passed)" : ""))));
        facts.add(new Fact("started", r.startedAt().toString()));
        facts.add(new Fact("finished", r.finishedAt().toString() + " (" + human(Duration.between(r.startedAt(), r.finishedAt())) + ")"));
        facts.add(new Fact("exit code", r.exitCode().code() + " = " + r.exitCode().meaning()));
        r.cleanup().ifPresent(c -> facts.add(new Fact("cleanup", (c.abortRequested() ? "abort requested; " : "")
                + (c.workflowDeleted() ? "Workflow deleted" : "Workflow NOT confirmed deleted") + "; swept " + c.swept().size() + " leftover(s)")));
        facts.add(new Fact("bundle", r.bundlePrefix() + (r.publishedToFallback() ? " (fallback directory: the store failed)" : "")));
        if (!r.roles().isEmpty()) {
            facts.add(new Fact("roles", new java.util.TreeMap<>(r.roles()).entrySet().stream().map(e -> e.getKey() + " $" + e.getValue())
                    .collect(Collectors.joining(", "))));
        }
        List<Fact> images = record.checks().images().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Fact(e.getKey(), e.getValue())).toList();
        List<Fact> durations = r.stateDurations().entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Duration> e) -> lifecycleOrder(e.getKey())).thenComparing(Map.Entry::getKey))
                .map(e -> new Fact(e.getKey(), human(e.getValue()))).toList();
        List<Fact> api = new ArrayList<>();
        api.add(new Fact("total", String.valueOf(r.apiRequests().total())));
        r.apiRequests().byVerbAndResource().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> api.add(new Fact(e.getKey(), String.valueOf(e.getValue()))));
        List<String> files = new ArrayList<>(record.bundleFiles());
        files.addAll(reportFiles);
        List<FileLink> links = files.stream().distinct().sorted().map(f -> new FileLink(f, href(f))).toList();
        RunPage page = new RunPage(r.command().scenario() + " " + r.command().runId().value() + ": " + outcome, r.command().scenario(),
                r.command().runId().value(), String.valueOf(r.attempt()), outcome, cssOf(outcome), String.valueOf(r.exitCode().code()),
                r.exitCode().meaning(), r.decidingTask().orElse(""), r.decidingTask().isPresent(), r.reason(),
                timeline(r, tree, tasks), tasks.stream().map(RunPage::taskRow).toList(), checks(record), facts, images, durations, api,
                r.problems(), links, "made by workflow-run when the run finished, " + r.finishedAt());
        return page.scrubbed(s);
    }

    private static Timeline timeline(RunResult r, CapturedTree tree, List<TaskEvidence> tasks) {
        if (tree.nodes().isEmpty()) {
            return new Timeline(false, "", List.of(), List.of(), List.of(), r.applied()
                    ? "No node was captured (see workflow-tree.yaml and the capture problems)." : "Nothing was applied, so no node ran.");
        }
        Optional<Instant> first = tree.startTime().or(() -> tree.nodes().stream().map(CapturedTree.Node::startTime).flatMap(Optional::stream)
                .min(Comparator.naturalOrder()));
        if (first.isEmpty()) {
            return new Timeline(false, "", List.of(), List.of(), List.of(), "The captured nodes carry no start time.");
        }
        Instant t0 = first.get();
        List<Instant> ends = new ArrayList<>();
        tree.endTime().ifPresent(ends::add);
        tree.nodes().forEach(n -> {
            n.endTime().ifPresent(ends::add);
            n.startTime().ifPresent(ends::add);
        });
        List<Marker> deadlines = new ArrayList<>();
        r.deadlines().ifPresent(d -> {
            ends.add(t0.plus(d.soft()));
            ends.add(t0.plus(d.hard()));
        });
        Instant t1 = ends.stream().max(Comparator.naturalOrder()).orElse(t0);
        if (!t1.isAfter(t0)) {
            t1 = t0.plusSeconds(1);
        }
        Window w = new Window(t0, t1);
        r.deadlines().ifPresent(d -> {
            deadlines.add(new Marker("soft deadline " + GoDuration.format(d.soft()), w.percent(t0.plus(d.soft())), "soft"));
            deadlines.add(new Marker("hard deadline " + GoDuration.format(d.hard()), w.percent(t0.plus(d.hard())), "hard"));
        });
        List<Marker> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            Duration at = Duration.ofMillis(w.length().toMillis() * i / 4);
            ticks.add(new Marker("+" + human(at), String.format(Locale.ROOT, "%.3f", i * 25.0), "tick"));
        }
        Map<String, TaskEvidence> byNode = tasks.stream().filter(t -> t.node().isPresent())
                .collect(Collectors.toMap(t -> t.node().get().name(), t -> t, (a, b) -> a));
        List<Bar> bars = new ArrayList<>();
        for (CapturedTree.Node n : tree.nodes()) {
            String result = Optional.ofNullable(byNode.get(n.name())).map(t -> t.result().status().name()).orElseGet(() -> nodeResult(n));
            boolean hasBar = n.startTime().isPresent();
            Instant start = n.startTime().orElse(t0);
            Instant end = n.endTime().orElse(t1);
            String left = w.percent(start);
            String width = String.format(Locale.ROOT, "%.3f", Math.max(0.3, w.fraction(end) * 100 - w.fraction(start) * 100));
            bars.add(new Bar(n.name(), n.template(), n.type(), String.valueOf(n.depth() * 14), result, cssOf(result), hasBar, left, width,
                    n.startTime().map(t -> "+" + human(Duration.between(t0, t))).orElse("not started"),
                    n.startTime().flatMap(st -> n.endTime().map(en -> human(Duration.between(st, en)))).orElse(n.endTime().isEmpty() ? "no end" : ""),
                    n.deadline().isPresent(), n.deadline().map(w::percent).orElse("0"),
                    n.deadline().map(d -> "deadline +" + human(Duration.between(t0, d)) + (d.isAfter(w.end()) ? " (beyond the chart)" : "")).orElse("")));
        }
        return new Timeline(true, t0 + " to " + t1 + " (" + human(w.length()) + ")", bars, deadlines, ticks,
                "Times are the API server's: node start and deadline, container start and finish, the Workflow's end."
                        + " The run's soft and hard deadlines are drawn from the Workflow's start.");
    }

    private static String nodeResult(CapturedTree.Node n) {
        if (n.deadlineExceeded()) {
            return "DEADLINE";
        }
        if (n.aborted()) {
            return "ABORTED";
        }
        if (n.condition("Accomplished").filter(c -> c.status().equals("True")).isPresent()) {
            return "DONE";
        }
        return n.endTime().isPresent() ? "DONE" : "OPEN";
    }

    private record Window(Instant start, Instant end) {
        Duration length() {
            return Duration.between(start, end);
        }

        double fraction(Instant t) {
            double f = (double) Duration.between(start, t).toMillis() / Math.max(1, length().toMillis());
            return Math.max(0, Math.min(1, f));
        }

        String percent(Instant t) {
            return String.format(Locale.ROOT, "%.3f", fraction(t) * 100);
        }
    }

    private static TaskRow taskRow(TaskEvidence t) {
        return new TaskRow(t.result().name(), t.result().status().name(), cssOf(t.result().status().name()),
                t.result().exitCode().map(String::valueOf).orElse("-"), t.result().duration().map(RunPage::human).orElse("-"),
                t.pod().map(CapturedTree.Pod::name).orElse("-"), t.result().message(), !t.logTail().isEmpty(), t.logFile().orElse(""),
                t.logFile().map(RunPage::href).orElse(""), String.valueOf(t.logTail().size()), String.join("\n", t.logTail()));
    }

    private static Checks checks(RunRecord record) {
        RunResult r = record.result();
        List<String> warnings = record.checks().lintWarnings().stream().map(Object::toString).toList();
        String lint;
        String lintClass;
        String note = "";
        if (record.checks().verified()) {
            lint = warnings.isEmpty() ? "passed" : "passed with " + warnings.size() + " warning(s)";
            lintClass = warnings.isEmpty() ? "PASSED" : "WARN";
        } else if (record.checks().rendered()) {
            lint = "refused before apply, or not reached: see the reason";
            lintClass = "FAILED";
            note = r.reason();
        } else {
            lint = "not checked: the run stopped before rendering";
            lintClass = "SKIPPED";
        }
        List<DriftRow> drift = record.checks().drift().stream().sorted(Comparator.comparing(DriftFinding::rule)).map(f -> new DriftRow(f.rule(),
                f.expected(), f.actual(), f.skipped() ? "skipped" : f.holds() ? "holds" : "broken",
                f.skipped() ? "SKIPPED" : f.holds() ? "PASSED" : "FAILED", f.message())).toList();
        return new Checks(lint, lintClass, warnings, !drift.isEmpty(), drift, note);
    }

    /** Every text of the page, scrubbed; numbers and positions are left as they are. */
    private RunPage scrubbed(Scrubber s) {
        if (s.isEmpty()) {
            return this;
        }
        return new RunPage(s.scrub(title), s.scrub(scenario), runId, attempt, outcome, outcomeClass, exitCode, exitMeaning, s.scrub(decidingTask),
                hasDecidingTask, s.scrub(reason),
                new Timeline(timeline.hasNodes(), timeline.window(), timeline.bars().stream().map(b -> new Bar(s.scrub(b.name()), s.scrub(b.template()),
                        b.type(), b.indent(), b.result(), b.cssClass(), b.hasBar(), b.left(), b.width(), b.start(), b.duration(), b.hasDeadline(),
                        b.deadlineLeft(), b.deadline())).toList(), timeline.runDeadlines(), timeline.ticks(), timeline.note()),
                tasks.stream().map(t -> new TaskRow(s.scrub(t.name()), t.result(), t.cssClass(), t.exitCode(), t.duration(), s.scrub(t.pod()),
                        s.scrub(t.message()), t.hasLog(), s.scrub(t.logFile()), t.logHref(), t.logLines(), s.scrub(t.logTail()))).toList(),
                new Checks(checks.lintVerdict(), checks.lintClass(), checks.lintWarnings().stream().map(s::scrub).toList(), checks.hasDrift(),
                        checks.drift().stream().map(d -> new DriftRow(d.rule(), s.scrub(d.expected()), s.scrub(d.actual()), d.verdict(), d.cssClass(),
                                s.scrub(d.message()))).toList(), s.scrub(checks.note())),
                facts(facts, s), facts(images, s), durations, apiRequests, problems.stream().map(s::scrub).toList(), files, generated);
    }

    private static List<Fact> facts(List<Fact> facts, Scrubber s) {
        return facts.stream().map(f -> new Fact(f.key(), s.scrub(f.value()))).toList();
    }

    /** A relative link to a bundle file: works from the bucket and from a directory alike. */
    static String href(String name) {
        return java.util.Arrays.stream(name.split("/")).map(seg -> URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }

    static String cssOf(String result) {
        return switch (result) {
            case "PASSED", "DONE" -> "ok";
            case "TASK_FAILED", "FAILED", "DEADLINE", "TIMED_OUT" -> "bad";
            case "INFRA_FAILED", "ERROR", "INTERRUPTED", "REJECTED", "ABORTED" -> "err";
            case "WARN" -> "warn";
            case "OPEN" -> "open";
            default -> "skip";
        };
    }

    private static int lifecycleOrder(String state) {
        int i = LIFECYCLE.indexOf(state);
        return i < 0 ? LIFECYCLE.size() : i;
    }

    static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        if (d.toMillis() < 10_000) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        return GoDuration.format(Duration.ofSeconds(d.getSeconds()));
    }
}
