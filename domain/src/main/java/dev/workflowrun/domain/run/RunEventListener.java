package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.Progress;

/** Receives the run's events as they happen (live output); must return quickly. */
public interface RunEventListener {

    RunEventListener NONE = new RunEventListener() {
        @Override
        public void onEvent(RunEvent event) {
        }
    };

    void onEvent(RunEvent event);

    /** The wait begins: when the Workflow was applied and the deadlines measured from then; by default ignored. */
    default void onWaiting(dev.workflowrun.domain.deadline.Deadlines deadlines, java.time.Instant appliedAt) {
    }

    /**
     * Every secret of the run known so far, each time one more becomes known: for output the run does
     * not write itself (followed Task logs); by default ignored.
     */
    default void onSecrets(dev.workflowrun.domain.text.Scrubber scrubber) {
    }

    /** Progress while waiting; by default ignored. */
    default void onProgress(Progress progress) {
    }
}
