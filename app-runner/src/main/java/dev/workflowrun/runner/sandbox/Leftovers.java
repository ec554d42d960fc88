package dev.workflowrun.runner.sandbox;

import dev.workflowrun.testkit.ChaosMeshKinds;
import io.fabric8.kubernetes.client.KubernetesClient;

/** What a run left in its namespace: Workflows, WorkflowNodes and pods of that Workflow. Zero everywhere after a clean run. */
public record Leftovers(int workflows, int nodes, int pods) {

    public static Leftovers in(KubernetesClient client, String namespace, String workflow) {
        int workflows = (int) client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(namespace).list().getItems().stream()
                .filter(w -> w.getMetadata().getName().equals(workflow)).count();
        int nodes = client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(namespace)
                .withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems().size();
        int pods = client.pods().inNamespace(namespace).withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems().size();
        return new Leftovers(workflows, nodes, pods);
    }

    public boolean none() {
        return workflows == 0 && nodes == 0 && pods == 0;
    }

    @Override
    public String toString() {
        return workflows + " Workflow(s), " + nodes + " WorkflowNode(s), " + pods + " pod(s)";
    }
}
