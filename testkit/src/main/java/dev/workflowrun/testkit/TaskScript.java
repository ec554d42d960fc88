package dev.workflowrun.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Task does in the simulation: how long its container runs (in simulated time), the exit
 * code it terminates with, the log lines it prints, or that it never starts at all and sits in
 * {@code Pending} with a waiting reason such as {@code CreateContainerConfigError} or
 * {@code ImagePullBackOff} (until its node's deadline, as on a real cluster).
 *
 * <pre>{@code
 * TaskScript.passes(Duration.ofMinutes(5)).withLogs("provisioned 4 validators")
 * TaskScript.exits(1, Duration.ofMinutes(2))
 * TaskScript.neverStarts("CreateContainerConfigError")
 * }</pre>
 *
 * @param duration       simulated time from the container starting to it terminating
 * @param exitCode       the container's exit code ({@code 0} pass, {@code 1} task failure, {@code 2} infra failure upstream)
 * @param waitingReason  when present the container never starts and stays waiting with this reason
 * @param logLines       printed by the container when it starts
 */
public record TaskScript(Duration duration, int exitCode, Optional<String> waitingReason, List<String> logLines) {

    public TaskScript {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a task's duration must not be negative, was " + duration);
        }
        Objects.requireNonNull(waitingReason, "waitingReason");
        logLines = List.copyOf(logLines);
    }

    /** Runs for {@code duration} and exits 0. */
    public static TaskScript passes(Duration duration) {
        return new TaskScript(duration, 0, Optional.empty(), List.of());
    }

    /** Runs for {@code duration} and exits with {@code exitCode}. */
    public static TaskScript exits(int exitCode, Duration duration) {
        return new TaskScript(duration, exitCode, Optional.empty(), List.of());
    }

    /** Never starts: the pod stays {@code Pending}, its container waiting with {@code reason}. */
    public static TaskScript neverStarts(String reason) {
        return new TaskScript(Duration.ZERO, 0, Optional.of(reason), List.of());
    }

    /** The same behaviour, printing {@code lines}. */
    public TaskScript withLogs(String... lines) {
        return new TaskScript(duration, exitCode, waitingReason, List.of(lines));
    }

    /** The same behaviour, printing {@code lines}. */
    public TaskScript withLogs(List<String> lines) {
        return new TaskScript(duration, exitCode, waitingReason, lines);
    }

    public boolean startsAtAll() {
        return waitingReason.isEmpty();
    }
}
