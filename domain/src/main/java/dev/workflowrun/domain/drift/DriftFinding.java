package dev.workflowrun.domain.drift;

/** The result of one rule: what was expected, what was found, whether it holds, and what to change if not. */
public record DriftFinding(String rule, String expected, String actual, boolean holds, String message) {

    public static DriftFinding holds(String rule, String expected, String actual) {
        return new DriftFinding(rule, expected, actual, true, "");
    }

    public static DriftFinding broken(String rule, String expected, String actual, String whatToChange) {
        return new DriftFinding(rule, expected, actual, false, whatToChange);
    }
}
