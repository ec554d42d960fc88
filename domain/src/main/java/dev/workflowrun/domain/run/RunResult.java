package dev.workflowrun.domain.run;

import dev.workflowrun.domain.artifacts.Attempt;
import dev.workflowrun.domain.artifacts.PublishedBundle;
import dev.workflowrun.domain.cluster.ApiRequestCounts;
import dev.workflowrun.domain.cluster.ApplyResult;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.deadline.Deadlines;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run did and how it ended. {@code outcome} is empty only for a usage rejection (exit 64).
 * {@code published} is where the bundle went; {@code publishedToFallback} says it went to the
 * fallback directory because the store failed. {@code attempt} is this attempt's number under the
 * run's prefix; {@code earlierAttempts} are those found there before it, with what became of them.
 * {@code roles} maps a role ({@code run-id}, {@code namespace}) to the placeholder that played it in this scenario.
 */
public record RunResult(
        RunScenarioCommand command,
        Optional<String> commit,
        Optional<WorkflowHandle> workflow,
        Optional<ApplyResult> applyResult,
        Optional<Outcome> outcome,
        ExitCode exitCode,
        Optional<String> decidingTask,
        String reason,
        Map<String, String> variables,
        Map<String, String> roles,
        Optional<Deadlines> deadlines,
        boolean softDeadlineWarned,
        Optional<TerminalSnapshot> snapshot,
        Optional<CleanupReport> cleanup,
        Map<String, Duration> stateDurations,
        ApiRequestCounts apiRequests,
        String bundlePrefix,
        int attempt,
        List<Attempt> earlierAttempts,
        Optional<PublishedBundle> published,
        boolean publishedToFallback,
        List<String> problems,
        Instant startedAt,
        Instant finishedAt,
        List<RunEvent> events) {

    public RunResult {
        variables = Map.copyOf(variables);
        roles = Map.copyOf(roles);
        stateDurations = Map.copyOf(stateDurations);
        problems = List.copyOf(problems);
        earlierAttempts = List.copyOf(earlierAttempts);
        events = List.copyOf(events);
    }

    public boolean applied() {
        return workflow.isPresent();
    }
}
