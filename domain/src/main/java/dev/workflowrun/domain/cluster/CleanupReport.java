package dev.workflowrun.domain.cluster;

import java.util.List;

/** What cleanup did: abort annotation, bounded delete, and the leftovers it swept. */
public record CleanupReport(boolean abortRequested, boolean workflowDeleted, List<String> swept, List<String> problems) {

    public CleanupReport {
        swept = List.copyOf(swept);
        problems = List.copyOf(problems);
    }

    public boolean clean() {
        return problems.isEmpty();
    }
}
