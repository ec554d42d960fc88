package dev.workflowrun.domain.cluster;

import dev.workflowrun.domain.artifacts.BundleFile;

import java.util.List;

/**
 * The terminal state as captured before anything was deleted: files for the bundle (the
 * Workflow, the WorkflowNode tree, Task pods, log tails, events) and anything that could not be
 * captured, said plainly.
 */
public record TerminalSnapshot(List<BundleFile> files, int nodes, int pods, List<String> problems) {

    public TerminalSnapshot {
        files = List.copyOf(files);
        problems = List.copyOf(problems);
    }

    /** What is left when capture itself failed: the reason, and no files. */
    public static TerminalSnapshot failed(String problem) {
        return new TerminalSnapshot(List.of(), 0, 0, List.of(problem));
    }
}
