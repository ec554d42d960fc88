package dev.workflowrun.runner.signals;

/** Ends the process. Production halts the JVM; tests record the code instead. */
@FunctionalInterface
public interface ProcessExit {

    ProcessExit SYSTEM = code -> {
        // halt, not exit: shutdown hooks could block on the very run that overran its grace.
        Runtime.getRuntime().halt(code);
    };

    void exit(int code);
}
