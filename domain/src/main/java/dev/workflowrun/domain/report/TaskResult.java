package dev.workflowrun.domain.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one Task of the Workflow went, as a test report counts it: {@code PASSED} (exit 0),
 * {@code FAILED} (a non-zero exit or its own deadline), {@code ERROR} (the infrastructure failed it:
 * never started, evicted, cut short), {@code SKIPPED} (it never ran).
 *
 * @param name     the Task's template name (with the node's name after it when the template ran more than once)
 * @param duration from its container's start to its end, when both are known
 * @param message  why it is not {@code PASSED}, in one line; empty when it passed
 */
public record TaskResult(String name, Status status, Optional<Integer> exitCode, Optional<Duration> duration, String message) {

    public enum Status { PASSED, FAILED, ERROR, SKIPPED }

    public TaskResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(duration, "duration");
        message = message == null ? "" : message;
    }

    /** This task as {@code run.json} lists it. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("result", status.name());
        exitCode.ifPresent(c -> m.put("exitCode", c));
        duration.ifPresent(d -> m.put("millis", d.toMillis()));
        if (!message.isEmpty()) {
            m.put("message", message);
        }
        return m;
    }
}
