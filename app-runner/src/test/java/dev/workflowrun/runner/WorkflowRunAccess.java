package dev.workflowrun.runner;

import dev.workflowrun.runner.signals.ProcessExit;

import java.io.PrintWriter;

/** Lets tests in other packages run the command line with a process exit that records instead of halting the test JVM. */
public final class WorkflowRunAccess {

    private WorkflowRunAccess() {
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        ProcessExit refuse = code -> {
            throw new IllegalStateException("the runner tried to force exit " + code + " during a test");
        };
        return WorkflowRun.run(WorkflowRun.component(refuse), out, err, args);
    }
}
