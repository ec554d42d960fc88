package dev.workflowrun.survey.model;

/**
 * Something a wrapper does beyond the seven operations.
 *
 * @param kind DERIVED_VALUE (a variable computed from another; the typed CronJob passes the result),
 *             COVERED (the typed runner does it anyway, e.g. reading Task pod exit codes), or
 *             BESPOKE (a step no flag can express)
 */
public record ExtraStep(Kind kind, String what, int line, String lives) {

    public enum Kind { DERIVED_VALUE, COVERED, BESPOKE }
}
