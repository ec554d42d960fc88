package dev.workflowrun.domain.report;

import dev.workflowrun.domain.run.RunResult;
import dev.workflowrun.domain.text.Scrubber;

import java.util.List;
import java.util.Objects;

/**
 * What a report is made from: the run's result (the same one {@code run.json} is written from, its
 * captured files already scrubbed), the checks before apply, the names of the bundle's other files
 * (to link to), and the scrubber, for any text a report shows escaped (an escaped secret would no
 * longer match the scrubber that runs over the finished file).
 */
public record RunRecord(RunResult result, RunChecks checks, List<String> bundleFiles, Scrubber scrubber) {

    public RunRecord {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(checks, "checks");
        bundleFiles = bundleFiles.stream().sorted().toList();
        Objects.requireNonNull(scrubber, "scrubber");
    }
}
