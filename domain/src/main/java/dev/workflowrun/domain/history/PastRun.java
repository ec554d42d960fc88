package dev.workflowrun.domain.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run as its latest attempt's {@code run.json} tells it.
 *
 * @param tasks each Task's result ({@code PASSED}, {@code FAILED}, {@code ERROR}, {@code SKIPPED}) by name; empty for
 *              runs published before {@code run.json} listed them
 */
public record PastRun(String scenario, String runId, int attempt, Instant startedAt, Instant finishedAt, String outcome,
                      Optional<String> decidingTask, Optional<String> commit, Map<String, String> tasks, String key) {

    public PastRun {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidingTask, "decidingTask");
        Objects.requireNonNull(commit, "commit");
        tasks = Map.copyOf(tasks);
        Objects.requireNonNull(key, "key");
    }

    public Duration duration() {
        Duration d = Duration.between(startedAt, finishedAt);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public boolean passed() {
        return outcome.equals("PASSED");
    }
}
