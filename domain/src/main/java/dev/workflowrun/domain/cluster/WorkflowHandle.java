package dev.workflowrun.domain.cluster;

import java.util.Objects;

/** Which Workflow a run owns: namespace and name, plus the scenario and run id it is labelled with. */
public record WorkflowHandle(String namespace, String name, String scenario, String runId) {

    public WorkflowHandle {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(runId, "runId");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
