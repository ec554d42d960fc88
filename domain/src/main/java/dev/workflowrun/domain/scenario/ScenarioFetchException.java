package dev.workflowrun.domain.scenario;

/** A scenario could not be fetched. Each reason is distinct; all of them are infrastructure failures. */
public class ScenarioFetchException extends RuntimeException {

    public enum Reason { UNREACHABLE, AUTHENTICATION, REF_NOT_FOUND, PATH_NOT_FOUND, TOO_LARGE, UNSAFE_PATH, OTHER }

    private final Reason reason;

    public ScenarioFetchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ScenarioFetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
