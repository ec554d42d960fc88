package dev.workflowrun.domain.manifest;

/** One lint result: an error stops the run before apply; a warning is reported and the run goes on. */
public record LintFinding(Severity severity, String rule, String message) {

    public enum Severity { ERROR, WARNING }

    public static LintFinding error(String rule, String message) {
        return new LintFinding(Severity.ERROR, rule, message);
    }

    public static LintFinding warning(String rule, String message) {
        return new LintFinding(Severity.WARNING, rule, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + " [" + rule + "] " + message;
    }
}
