package dev.workflowrun.survey.model;

/**
 * Something a wrapper does beyond the seven operations.
 *
 * @param kind DERIVED_VALUE (a variable computed from another; the typed CronJob passes the result),
 *             COVERED (the typed runner does it anyway, e.g. reading Task pod exit codes), or
 *             BESPOKE (a step that changes something outside the seven operations: no flag can express it),
 *             RUNTIME_READ (reads another cluster object or service and changes nothing: a readiness check, a looked-up value), or
 *             NOT_UNDERSTOOD (a construct the survey cannot read; it lowers the stated confidence and never decides alone)
 */
public record ExtraStep(Kind kind, String what, int line, String lives) {

    public enum Kind { DERIVED_VALUE, COVERED, BESPOKE, RUNTIME_READ, NOT_UNDERSTOOD }
}
