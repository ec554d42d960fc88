package dev.workflowrun.domain.cluster;

import dev.workflowrun.domain.text.Scrubber;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Followed log lines on their way out: at most {@code bytesPerTask} bytes of each Task's log (a line
 * counts its UTF-8 bytes and its newline), then one line saying the rest was cut, then nothing more
 * of that Task; each line scrubbed of every secret known when it passes.
 */
public final class BoundedTaskLogs implements TaskLogSink {

    private final long bytesPerTask;
    private final Supplier<Scrubber> scrubber;
    private final TaskLogSink out;
    private final Map<String, Long> used = new HashMap<>();

    public BoundedTaskLogs(long bytesPerTask, Supplier<Scrubber> scrubber, TaskLogSink out) {
        if (bytesPerTask < 0) {
            throw new IllegalArgumentException("the log limit per task must not be negative, was " + bytesPerTask);
        }
        this.bytesPerTask = bytesPerTask;
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void line(String task, String line) {
        String shown;
        synchronized (this) {
            long before = used.getOrDefault(task, 0L);
            if (before > bytesPerTask) {
                return;
            }
            long after = before + line.getBytes(StandardCharsets.UTF_8).length + 1;
            used.put(task, after);
            shown = after <= bytesPerTask ? line
                    : "\u2026 truncated: the log of " + task + " passed " + bytesPerTask + " bytes (--follow-logs-limit); the bundle keeps its tail";
            if (after > bytesPerTask) {
                used.put(task, bytesPerTask + 1);
            }
        }
        out.line(task, scrubber.get().scrub(shown));
    }
}
