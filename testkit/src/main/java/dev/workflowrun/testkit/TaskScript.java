package dev.workflowrun.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Task's pod does in the simulation (the kubelet's side): how long its container runs
 * (in simulated time) and how it ends, the log lines it prints, or that it never starts and sits
 * in {@code Pending} with a waiting reason such as {@code CreateContainerConfigError} or
 * {@code ImagePullBackOff} (until its node's deadline and beyond, as on a real cluster).
 *
 * <pre>{@code
 * TaskScript.passes(Duration.ofMinutes(5)).withLogs("provisioned 4 validators")
 * TaskScript.exits(1, Duration.ofMinutes(2))           // terminated, reason Error
 * TaskScript.oomKilled(Duration.ofMinutes(3))          // exit 137, reason OOMKilled
 * TaskScript.startError()                              // exit 128, reason StartError, never ran
 * TaskScript.evicted(Duration.ofMinutes(4))            // phase Failed, reason Evicted, no terminated state
 * TaskScript.neverStarts("ImagePullBackOff")
 * }</pre>
 *
 * @param duration         simulated time from the container starting to it terminating (or the pod being evicted)
 * @param exitCode         the container's exit code ({@code 0} pass, {@code 1} task failure, {@code 2} infra failure upstream)
 * @param waitingReason    when present the container never starts and stays waiting with this reason
 * @param logLines         printed by the container when it starts
 * @param terminatedReason the container's {@code state.terminated.reason}: {@code Completed}, {@code Error}, {@code OOMKilled}, {@code StartError}
 * @param evicted          the pod is evicted after {@code duration}: phase {@code Failed}, pod reason {@code Evicted}, no terminated container state
 */
public record TaskScript(Duration duration, int exitCode, Optional<String> waitingReason, List<String> logLines,
                         String terminatedReason, boolean evicted) {

    public TaskScript {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a task's duration must not be negative, was " + duration);
        }
        Objects.requireNonNull(waitingReason, "waitingReason");
        Objects.requireNonNull(terminatedReason, "terminatedReason");
        logLines = List.copyOf(logLines);
    }

    /** The four-field form of earlier versions: the terminated reason follows from the exit code. */
    public TaskScript(Duration duration, int exitCode, Optional<String> waitingReason, List<String> logLines) {
        this(duration, exitCode, waitingReason, logLines, exitCode == 0 ? "Completed" : "Error", false);
    }

    /** Runs for {@code duration} and exits 0 (reason {@code Completed}). */
    public static TaskScript passes(Duration duration) {
        return new TaskScript(duration, 0, Optional.empty(), List.of());
    }

    /** Runs for {@code duration} and exits with {@code exitCode} (reason {@code Error}, or {@code Completed} for 0). */
    public static TaskScript exits(int exitCode, Duration duration) {
        return new TaskScript(duration, exitCode, Optional.empty(), List.of());
    }

    /** Killed by the kernel's OOM killer after {@code duration}: exit 137, reason {@code OOMKilled}. */
    public static TaskScript oomKilled(Duration duration) {
        return new TaskScript(duration, 137, Optional.empty(), List.of(), "OOMKilled", false);
    }

    /** The runtime could not start the container (e.g. its command does not exist): exit 128, reason {@code StartError}. */
    public static TaskScript startError() {
        return new TaskScript(Duration.ZERO, 128, Optional.empty(), List.of(), "StartError", false);
    }

    /** Evicted by the kubelet after {@code duration} of running: phase {@code Failed}, reason {@code Evicted}. */
    public static TaskScript evicted(Duration duration) {
        return new TaskScript(duration, 0, Optional.empty(), List.of(), "Evicted", true);
    }

    /** Never starts: the pod stays {@code Pending}, its container waiting with {@code reason}. */
    public static TaskScript neverStarts(String reason) {
        return new TaskScript(Duration.ZERO, 0, Optional.of(reason), List.of());
    }

    /** The same behaviour, with a terminated reason of its own (e.g. exit 2 with reason {@code Error}). */
    public TaskScript withTerminatedReason(String reason) {
        return new TaskScript(duration, exitCode, waitingReason, logLines, reason, evicted);
    }

    /** The same behaviour, printing {@code lines}. */
    public TaskScript withLogs(String... lines) {
        return withLogs(List.of(lines));
    }

    /** The same behaviour, printing {@code lines}. */
    public TaskScript withLogs(List<String> lines) {
        return new TaskScript(duration, exitCode, waitingReason, lines, terminatedReason, evicted);
    }

    public boolean startsAtAll() {
        return waitingReason.isEmpty();
    }

    /** The container never ran: nothing to log, terminated at once. */
    boolean failsToStart() {
        return "StartError".equals(terminatedReason);
    }
}
