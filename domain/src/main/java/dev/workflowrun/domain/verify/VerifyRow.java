package dev.workflowrun.domain.verify;

/** One line of the verify table. */
public record VerifyRow(String origin, String scenario, String rule, String expected, String actual, Verdict verdict, String fix) {

    public enum Verdict { HOLDS, BROKEN, WARNING, SKIPPED }
}
