package dev.workflowrun.domain.cluster;

/** Receives progress while the core waits; must return quickly. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = progress -> { };

    void onProgress(Progress progress);
}
