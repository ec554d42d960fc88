package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.Outcome;

/**
 * The one mapping from outcome to process exit code (invariant 6). 0/1/2 match the user's task
 * images; 64 is {@code EX_USAGE} from sysexits.h.
 */
public enum ExitCode {
    PASSED(0, "passed: every task exited 0"),
    TASK_FAILED(1, "task failed: a task exited non-zero (not 2, 128 or 137), or a StatusCheck aborted the Workflow"),
    INFRA_FAILED(2, "infra failed: fetch, drift, apply, the cluster, a task exiting 2, OOMKilled (137), StartError (128), "
            + "an evicted pod, a pod that never started, chaos never injected, or publication"),
    TIMED_OUT(3, "timed out: the hard deadline passed, or a Task, Serial or Parallel was unfinished at its own deadline"),
    INTERRUPTED(4, "interrupted: SIGTERM/SIGINT (the Workflow was aborted, captured, cleaned up and published), "
            + "or someone else aborted the Workflow"),
    USAGE(64, "usage error: a flag or a variable is wrong; nothing was applied");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static ExitCode of(Outcome outcome) {
        return switch (outcome) {
            case PASSED -> PASSED;
            case TASK_FAILED -> TASK_FAILED;
            case INFRA_FAILED -> INFRA_FAILED;
            case TIMED_OUT -> TIMED_OUT;
            case INTERRUPTED -> INTERRUPTED;
        };
    }
}
