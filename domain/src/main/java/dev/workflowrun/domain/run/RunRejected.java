package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.Outcome;

import java.util.Optional;

/**
 * A run stopped before apply. {@code outcome} is empty for a usage error (a flag or variable
 * is wrong: exit 64) and {@code INFRA_FAILED} when the scenario, the lint or a drift rule refused.
 */
public final class RunRejected extends RuntimeException {

    private final transient Optional<Outcome> outcome;

    private RunRejected(Optional<Outcome> outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    public static RunRejected usage(String message, Throwable cause) {
        return new RunRejected(Optional.empty(), message, cause);
    }

    public static RunRejected infra(String message, Throwable cause) {
        return new RunRejected(Optional.of(Outcome.INFRA_FAILED), message, cause);
    }

    public Optional<Outcome> outcome() {
        return outcome;
    }

    public ExitCode exitCode() {
        return outcome.map(ExitCode::of).orElse(ExitCode.USAGE);
    }
}
