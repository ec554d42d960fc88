package dev.workflowrun.domain.cluster;

import java.util.List;

/**
 * What cleanup did: abort annotation, bounded delete, and the leftovers it swept.
 *
 * @param problems objects still there after the bound, named one by one, and calls that failed: these make a pass an infrastructure failure
 * @param notes    what is worth knowing but is no failure, e.g. a delete that was slow but finished within the bound
 */
public record CleanupReport(boolean abortRequested, boolean workflowDeleted, List<String> swept, List<String> problems, List<String> notes) {

    public CleanupReport {
        swept = List.copyOf(swept);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /** A report without notes. */
    public CleanupReport(boolean abortRequested, boolean workflowDeleted, List<String> swept, List<String> problems) {
        this(abortRequested, workflowDeleted, swept, problems, List.of());
    }

    public boolean clean() {
        return problems.isEmpty();
    }
}
