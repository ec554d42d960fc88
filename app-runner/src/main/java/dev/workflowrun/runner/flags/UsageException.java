package dev.workflowrun.runner.flags;

/** A flag, a flag value or a variable file is wrong (exit 64). The message says what to type instead. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
