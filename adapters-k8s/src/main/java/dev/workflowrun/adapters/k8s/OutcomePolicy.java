package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.Collection;
import java.util.List;

/** How one workflow engine says that a run is over, and how it went. */
interface OutcomePolicy {

    /** The engine's name as the run report shows it. */
    String name();

    /** Whether WorkflowNodes must be watched and listed (Chaos Mesh) or the Workflow alone says it all. */
    boolean readsNodes();

    /** The label that ties the engine's pods to a Workflow. */
    String podLabel();

    boolean isTerminal(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes);

    /** The verdict, from a consistent listing taken once the Workflow is terminal. */
    WorkflowVerdict verdict(GenericKubernetesResource workflow, List<GenericKubernetesResource> nodes, List<Pod> pods);

    Progress progress(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes);
}
