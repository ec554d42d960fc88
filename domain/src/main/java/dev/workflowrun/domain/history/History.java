package dev.workflowrun.domain.history;

import java.util.List;

/**
 * What {@code workflow-run history} found: one history per scenario (sorted by name), how many
 * {@code run.json} files the listing held, and the runs that could not be read (key and why), which
 * are named, never silently dropped.
 */
public record History(String store, List<ScenarioHistory> scenarios, int listed, List<String> unreadable) {

    public History {
        scenarios = List.copyOf(scenarios);
        unreadable = List.copyOf(unreadable);
    }

    public int runs() {
        return scenarios.stream().mapToInt(s -> s.runs().size()).sum();
    }
}
