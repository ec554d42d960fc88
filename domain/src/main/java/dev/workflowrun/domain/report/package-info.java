/**
 * The reports every bundle carries beside {@code run.json} ({@code index.html}, {@code junit.xml}):
 * the port the run is given to make them ({@link dev.workflowrun.domain.report.RunReports}), what it
 * is given ({@link dev.workflowrun.domain.report.RunRecord}) and what it answers
 * ({@link dev.workflowrun.domain.report.RunReport}). The reports are made from the captured files,
 * which only an adapter can read, so the core holds no renderer.
 */
package dev.workflowrun.domain.report;
