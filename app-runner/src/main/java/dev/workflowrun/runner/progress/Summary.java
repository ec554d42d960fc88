package dev.workflowrun.runner.progress;

import dev.workflowrun.domain.run.RunResult;
import dev.workflowrun.domain.run.RunSummary;
import dev.workflowrun.domain.variables.GoDuration;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The final summary on stdout: what ran, how it ended, why, where the bundle is, and the exit code. */
public final class Summary {

    private Summary() {
    }

    public static Map<String, Object> model(RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>(RunSummary.model(r));
        m.put("bundle", r.published().map(p -> p.uri()));
        m.put("exitMeaning", r.exitCode().meaning());
        if (r.publishedToFallback()) {
            decidingLogTail(r).ifPresent(t -> m.put("decidingTaskLogTail", Map.of("file", t.getKey(), "lines", t.getValue())));
        }
        return m;
    }

    /** Lines of the deciding task's log kept on stdout when the bundle could not reach the store. */
    static final int FALLBACK_LOG_LINES = 60;

    /**
     * When the store failed, the bundle sits in a local fallback directory that may vanish with the
     * pod: the run's facts and the deciding task's log tail also go to stdout, which the cluster's
     * log pipeline keeps. Captured files are already scrubbed of secrets.
     */
    public static void fallbackEcho(RunResult r, PrintWriter out) {
        if (!r.publishedToFallback()) {
            return;
        }
        out.println();
        out.println("workflow-run: the bundle did not reach the store; it is only in " + r.published().map(p -> p.uri()).orElse("(nowhere)")
                + ", which is lost with the pod unless --fallback-dir is on a volume. Its summary and the deciding task's log tail follow.");
        out.println("--- run.json ---");
        out.println(RunSummary.json(r));
        decidingLogTail(r).ifPresent(t -> {
            out.println("--- " + t.getKey() + " (last " + t.getValue().size() + " lines) ---");
            t.getValue().forEach(out::println);
        });
        out.println("--- end ---");
        out.flush();
    }

    private static java.util.Optional<Map.Entry<String, java.util.List<String>>> decidingLogTail(RunResult r) {
        if (r.decidingTask().isEmpty() || r.snapshot().isEmpty()) {
            return java.util.Optional.empty();
        }
        String task = r.decidingTask().get();
        // Task pods are named <template>-<node suffix>-<pod suffix>: logs/<pod>/<container>.log.
        return r.snapshot().get().files().stream()
                .filter(f -> f.name().startsWith("logs/" + task + "-") && f.name().endsWith(".log"))
                .reduce((a, b) -> b)
                .map(f -> {
                    try (java.io.InputStream in = f.content().open()) {
                        java.util.List<String> lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
                        return Map.entry(f.name(), lines.subList(Math.max(0, lines.size() - FALLBACK_LOG_LINES), lines.size()));
                    } catch (java.io.IOException e) {
                        return Map.entry(f.name(), java.util.List.of("(could not read the captured log: " + e.getMessage() + ")"));
                    }
                });
    }

    public static void text(RunResult r, PrintWriter out) {
        String outcome = r.outcome().map(Enum::name).orElse("REJECTED");
        out.println("workflow-run: " + r.command().scenario() + " run " + r.command().runId() + ": " + outcome + " (exit " + r.exitCode().code() + ")");
        row(out, "scenario", r.command().scenarioRef() + r.commit().map(c -> " = commit " + c).orElse(""));
        row(out, "workflow", r.workflow().map(Object::toString).orElse("not applied")
                + r.applyResult().map(a -> " (" + a.name().toLowerCase(java.util.Locale.ROOT) + ")").orElse(""));
        row(out, "outcome", outcome + r.decidingTask().map(t -> ", decided by task " + t).orElse(""));
        row(out, "reason", r.reason());
        if (!r.roles().isEmpty()) {
            row(out, "roles", new java.util.TreeMap<>(r.roles()).entrySet().stream().map(e -> e.getKey() + " $" + e.getValue()).collect(Collectors.joining(", ")));
        }
        r.deadlines().ifPresent(d -> row(out, "deadlines", "soft " + GoDuration.format(d.soft()) + ", hard " + GoDuration.format(d.hard())
                + (r.softDeadlineWarned() ? " (soft deadline passed)" : "")));
        row(out, "durations", r.stateDurations().entrySet().stream()
                .sorted(java.util.Comparator.comparingInt(e -> lifecycleOrder(e.getKey())))
                .map(e -> e.getKey() + " " + millis(e.getValue()))
                .collect(Collectors.joining(", ")));
        row(out, "api", r.apiRequests().total() + " request(s)" + (r.apiRequests().byVerbAndResource().isEmpty() ? ""
                : ": " + r.apiRequests().byVerbAndResource().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "))));
        row(out, "bundle", r.published().map(p -> p.uri() + " (" + p.files() + " files, " + p.bytes() + " bytes)"
                + (r.publishedToFallback() ? " [fallback: the store failed]" : "")).orElse("NOT WRITTEN (see problems)"));
        r.problems().forEach(p -> row(out, "problem", p));
        row(out, "exit", r.exitCode().code() + " = " + r.exitCode().meaning());
        out.flush();
    }

    private static final java.util.List<String> LIFECYCLE = java.util.List.of("Planned", "Fetched", "Rendered", "Verified", "Applied",
            "Waiting", "Terminal", "Captured", "CleanedUp", "Publishing", "Finished");

    private static int lifecycleOrder(String state) {
        int i = LIFECYCLE.indexOf(state);
        return i < 0 ? LIFECYCLE.size() : i;
    }

    private static String millis(Duration d) {
        return d.toMillis() >= 10_000 ? GoDuration.format(d.withNanos(0)) : d.toMillis() + "ms";
    }

    private static void row(PrintWriter out, String key, String value) {
        out.println(String.format("  %-10s %s", key, value));
    }
}
