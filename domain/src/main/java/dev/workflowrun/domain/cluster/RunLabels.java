package dev.workflowrun.domain.cluster;

import java.util.Map;

/** The labels the runner puts on what it applies, so a retry can find its Workflow and a sweep its leftovers. */
public final class RunLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "workflow-run";
    public static final String SCENARIO = "workflow-run.dev/scenario";
    public static final String RUN_ID = "workflow-run.dev/run-id";

    private RunLabels() {
    }

    public static Map<String, String> of(WorkflowHandle handle) {
        return Map.of(MANAGED_BY, MANAGER, SCENARIO, handle.scenario(), RUN_ID, handle.runId());
    }
}
