package dev.workflowrun.domain.cluster;

/** Bounds on what capture keeps of each Task container's log. */
public record CaptureOptions(int logLines, long logBytesPerContainer) {

    public static final CaptureOptions DEFAULT = new CaptureOptions(200, 256 * 1024);

    public CaptureOptions {
        if (logLines < 0 || logLines > 100_000) {
            throw new IllegalArgumentException("--capture-log-lines must be between 0 and 100000, was " + logLines);
        }
        if (logBytesPerContainer < 0) {
            throw new IllegalArgumentException("the log byte limit must not be negative");
        }
    }
}
