package dev.workflowrun.domain.report;

import dev.workflowrun.domain.artifacts.BundleFile;

import java.util.Comparator;
import java.util.List;

/**
 * What the reports make of a run: each Task's result (which {@code run.json} lists, sorted by name)
 * and the report files for the bundle.
 */
public record RunReport(List<TaskResult> tasks, List<BundleFile> files) {

    public static final RunReport EMPTY = new RunReport(List.of(), List.of());

    public RunReport {
        tasks = tasks.stream().sorted(Comparator.comparing(TaskResult::name)).toList();
        files = List.copyOf(files);
    }
}
