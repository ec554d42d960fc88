package dev.workflowrun.domain.run;

import dev.workflowrun.domain.json.JsonText;
import dev.workflowrun.domain.variables.GoDuration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@code run.json}: the machine-readable summary of a run, with stable key order. */
public final class RunSummary {

    private RunSummary() {
    }

    public static Map<String, Object> model(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.command().scenario());
        m.put("runId", r.command().runId().value());
        m.put("repository", r.command().scenarioRef().displayRepository());
        m.put("ref", r.command().scenarioRef().ref());
        m.put("path", r.command().scenarioRef().path());
        m.put("commit", r.commit());
        m.put("namespace", r.command().namespace());
        m.put("workflow", r.workflow().map(w -> w.name()));
        m.put("apply", r.applyResult().map(Enum::name));
        m.put("outcome", r.outcome().map(Enum::name).orElse("REJECTED"));
        m.put("exitCode", r.exitCode().code());
        m.put("decidingTask", r.decidingTask());
        m.put("reason", r.reason());
        m.put("variables", new TreeMap<>(r.variables()));
        m.put("roles", new TreeMap<>(r.roles()));
        Map<String, Object> deadlines = new LinkedHashMap<>();
        r.deadlines().ifPresent(d -> {
            deadlines.put("soft", GoDuration.format(d.soft()));
            deadlines.put("hard", GoDuration.format(d.hard()));
        });
        deadlines.put("softWarned", r.softDeadlineWarned());
        m.put("deadlines", deadlines);
        m.put("attempt", r.attempt());
        m.put("earlierAttempts", r.earlierAttempts().stream().map(a -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("attempt", a.number());
            e.put("outcome", a.outcome().orElse("NONE"));
            if (a.outcome().isEmpty()) {
                e.put("note", "no run.json: the attempt was cut short before it published one");
            }
            return e;
        }).toList());
        m.put("startedAt", r.startedAt().toString());
        m.put("finishedAt", r.finishedAt().toString());
        Map<String, Object> durations = new LinkedHashMap<>();
        r.stateDurations().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> durations.put(e.getKey(), e.getValue().toMillis()));
        m.put("stateMillis", durations);
        m.put("apiRequests", new TreeMap<>(r.apiRequests().byVerbAndResource()));
        m.put("apiRequestsTotal", r.apiRequests().total());
        r.snapshot().ifPresent(s -> {
            Map<String, Object> capture = new LinkedHashMap<>();
            capture.put("files", s.files().size());
            capture.put("nodes", s.nodes());
            capture.put("pods", s.pods());
            capture.put("problems", s.problems());
            m.put("capture", capture);
        });
        r.cleanup().ifPresent(c -> {
            Map<String, Object> cleanup = new LinkedHashMap<>();
            cleanup.put("abortRequested", c.abortRequested());
            cleanup.put("workflowDeleted", c.workflowDeleted());
            cleanup.put("swept", c.swept());
            cleanup.put("problems", c.problems());
            m.put("cleanup", cleanup);
        });
        m.put("bundlePrefix", r.bundlePrefix());
        m.put("publishedToFallback", r.publishedToFallback());
        m.put("problems", r.problems());
        return m;
    }

    public static String json(RunResult r) {
        return JsonText.pretty(model(r));
    }

    /** {@code run.json} with each Task's result (what {@code workflow-run history} counts flaky tasks from). */
    public static String json(RunResult r, java.util.List<dev.workflowrun.domain.report.TaskResult> tasks) {
        Map<String, Object> m = model(r);
        m.put("tasks", tasks.stream().map(dev.workflowrun.domain.report.TaskResult::toJson).toList());
        return JsonText.pretty(m);
    }
}
