package dev.workflowrun.domain.drift;

/** The result of one rule: what was expected, what was found, whether it holds, and what to change if not. */
public record DriftFinding(String rule, String expected, String actual, boolean holds, String message) {

    private static final String WARNING = "warning: ";

    public static DriftFinding holds(String rule, String expected, String actual) {
        return new DriftFinding(rule, expected, actual, true, "");
    }

    /** The rule could not be checked here (e.g. a live check at build time); it does not stop the run. */
    public static DriftFinding skipped(String rule, String why) {
        return new DriftFinding(rule, "-", "-", true, "skipped: " + why);
    }

    public boolean skipped() {
        return holds && message.startsWith("skipped: ");
    }

    /** The rule holds, but with a caveat worth reading (e.g. a tag, which can move); it does not stop the run. */
    public static DriftFinding warning(String rule, String expected, String actual, String caveat) {
        return new DriftFinding(rule, expected, actual, true, WARNING + caveat);
    }

    public boolean warning() {
        return holds && message.startsWith(WARNING);
    }

    public static DriftFinding broken(String rule, String expected, String actual, String whatToChange) {
        return new DriftFinding(rule, expected, actual, false, whatToChange);
    }
}
