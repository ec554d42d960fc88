package dev.workflowrun.domain.report;

/**
 * Out-port: makes the run's reports from its record. Called once per publication attempt, before
 * {@code run.json} is written, so the reports are in every bundle that has a {@code run.json}. A
 * report that cannot be made must not cost the bundle: implementations answer with what they could
 * make and say what they could not in the files themselves.
 */
@FunctionalInterface
public interface RunReports {

    RunReports NONE = record -> RunReport.EMPTY;

    RunReport report(RunRecord record);
}
