package dev.workflowrun.domain.cluster;

import java.util.Objects;
import java.util.Optional;

/** The outcome the engine's policy read from the cluster, the task that decided it, and why. */
public record WorkflowVerdict(Outcome outcome, Optional<String> decidingTask, String reason) {

    public WorkflowVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(decidingTask, "decidingTask");
        Objects.requireNonNull(reason, "reason");
    }

    public static WorkflowVerdict of(Outcome outcome, String reason) {
        return new WorkflowVerdict(outcome, Optional.empty(), reason);
    }

    public static WorkflowVerdict decidedBy(Outcome outcome, String task, String reason) {
        return new WorkflowVerdict(outcome, Optional.of(task), reason);
    }
}
