package dev.workflowrun.domain.cluster;

import java.util.Optional;

/** What the Workflow is doing now, for live progress. */
public record Progress(int nodesFinished, int nodesTotal, Optional<String> runningTask) {
}
