package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.Collection;

/** How one workflow engine says that a run is over, and how it went. */
interface OutcomePolicy {

    /** The engine's name as the run report shows it. */
    String name();

    /** Whether WorkflowNodes must be watched and listed (Chaos Mesh) or the Workflow alone says it all. */
    boolean readsNodes();

    /** The label that ties the engine's pods to a Workflow. */
    String podLabel();

    boolean isTerminal(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes);

    /** Whether the verdict also needs the namespace's events (one more list call), given the nodes. */
    default boolean needsEvents(Collection<GenericKubernetesResource> nodes) {
        return false;
    }

    /**
     * Whether the nodes the wait's watch holds have caught up with the end the Workflow shows (true, the
     * default, when there is nothing to wait for).
     */
    default boolean nodesCaughtUp(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes) {
        return true;
    }

    /**
     * Whether the nodes the wait's watch holds are enough for the verdict, so that they need not be
     * listed again; false (the default) has them listed.
     */
    default boolean watchedNodesSuffice(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes) {
        return false;
    }

    /**
     * The verdict, from a consistent listing taken once the Workflow is terminal, or from the
     * files a bundle holds: the one function behind {@code run} and {@code judge}.
     */
    WorkflowVerdict verdict(Evidence evidence);

    Progress progress(GenericKubernetesResource workflow, Collection<GenericKubernetesResource> nodes);
}
