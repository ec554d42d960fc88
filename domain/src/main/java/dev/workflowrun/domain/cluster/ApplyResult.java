package dev.workflowrun.domain.cluster;

/** What applying did: created the Workflow, or found this run's Workflow already there and adopted it. */
public enum ApplyResult {
    APPLIED,
    /** A CronJob retry of the same run id: the existing Workflow is watched, not applied again (invariant 7). */
    ADOPTED
}
