package dev.workflowrun.domain.cluster;

/** How a run ended. The exit code is a function of this alone ({@link dev.workflowrun.domain.run.ExitCode}). */
public enum Outcome {
    PASSED,
    TASK_FAILED,
    INFRA_FAILED,
    TIMED_OUT,
    INTERRUPTED
}
