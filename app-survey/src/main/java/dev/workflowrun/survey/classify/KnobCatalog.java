package dev.workflowrun.survey.classify;

import java.util.Map;

/**
 * What each knob is about: a value a scenario legitimately chooses, or an implementation detail
 * (how a wrapper does something), and what it becomes in the typed runner.
 */
final class KnobCatalog {

    enum Intent { VALUE, IMPLEMENTATION, SCENARIO_FILE, CRONJOB }

    record Entry(Intent intent, String becomes) {
    }

    private static final Map<String, Entry> ENTRIES = Map.ofEntries(
            Map.entry("wrapper.fetch.method", impl("the runner fetches with JGit at the ref")),
            Map.entry("wrapper.fetch.repo", value("--scenario-repo")),
            Map.entry("wrapper.fetch.ref-variable", impl("--scenario-ref")),
            Map.entry("wrapper.substitute.io", impl("the runner renders in memory")),
            Map.entry("wrapper.substitute.allow-list", impl("the runner reads the allow-list from the placeholder header")),
            Map.entry("wrapper.wait.condition", impl("the runner derives the phase (Accomplished, DeadlineExceed, Aborted)")),
            Map.entry("wrapper.wait.poll-interval", impl("the runner watches instead of polling")),
            Map.entry("wrapper.wait.overrun-warning", impl("the runner warns exactly once (invariant 5)")),
            Map.entry("wrapper.wait.soft-deadline", value("--soft-deadline")),
            Map.entry("wrapper.wait.hard-deadline", value("--hard-deadline")),
            Map.entry("wrapper.wait.deadline-math", impl("--hard-deadline, default from the scenario's entry deadline")),
            Map.entry("wrapper.capture.objects", impl("the runner captures Workflow, WorkflowNodes, Task pods and the ConfigMap")),
            Map.entry("wrapper.cleanup.abort", impl("the runner annotates abort")),
            Map.entry("wrapper.cleanup.delete-wait", impl("the runner's bounded delete")),
            Map.entry("wrapper.cleanup.delete-timeout", impl("the runner's bounded delete")),
            Map.entry("wrapper.cleanup.sweep", impl("the runner sweeps Task pods by label")),
            Map.entry("wrapper.cleanup.on-failure", impl("cleanup on every path (invariant 2)")),
            Map.entry("wrapper.upload.bucket", value("--bucket")),
            Map.entry("wrapper.upload.key-shape", impl("the runner's prefix <scenario>/<run id>/")),
            Map.entry("wrapper.upload.on-failure", impl("publish on every path (invariant 4)")),
            Map.entry("wrapper.outcome.source", impl("the runner reads Task pod exit codes")),
            Map.entry("wrapper.log.format", impl("--log-format=text|json")),
            Map.entry("wrapper.log.function", impl("the runner's own log")),
            Map.entry("wrapper.run-id.scheme", impl("--run-id, default derived from the Job's pod name")),
            Map.entry("cronjob.scenario-ref", value("--scenario-ref")));

    private KnobCatalog() {
    }

    static Entry of(String knob) {
        return of(knob, Map.of());
    }

    /** @param roles what variables are to the runner (see {@link Roles}), across the surveyed scenarios */
    static Entry of(String knob, Map<String, String> roles) {
        Entry e = ENTRIES.get(knob);
        if (e != null) {
            return e;
        }
        if (knob.startsWith("workflow.")) {
            return new Entry(Intent.SCENARIO_FILE, "stays in the scenario file");
        }
        if (knob.startsWith("cronjob.")) {
            return new Entry(Intent.CRONJOB, "kept in the typed CronJob");
        }
        if (knob.startsWith("var.")) {
            String name = knob.substring(4);
            String role = roles.get(name);
            if (role != null) {
                return new Entry(Intent.VALUE, switch (role) {
                    case Roles.TOKEN_ENV -> "--git-token-env=" + name;
                    case Roles.TOKEN_FILE -> "--git-token-file=$(" + name + ")";
                    case Roles.BESPOKE -> "not a flag: a secret only a bespoke step sends (never a --var, never printed)";
                    case Roles.CREDENTIAL -> "not a flag: a credential the wrapper reads (never a --var, never printed)";
                    case Roles.INPUT -> "not a flag: a wrapper input the declared values are derived from (the typed CronJob computes them)";
                    default -> role;
                });
            }
            String flag = ScenarioSurveyor.IDENTITY.get(name);
            return new Entry(Intent.VALUE, flag != null ? flag : "--var=" + name + "=...");
        }
        return new Entry(Intent.IMPLEMENTATION, "the runner's default");
    }

    private static Entry impl(String becomes) {
        return new Entry(Intent.IMPLEMENTATION, becomes);
    }

    private static Entry value(String becomes) {
        return new Entry(Intent.VALUE, becomes);
    }
}
