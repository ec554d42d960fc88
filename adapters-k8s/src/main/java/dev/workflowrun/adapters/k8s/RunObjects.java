package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.WorkflowHandle;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One run's objects on the API server: its Workflow by name, its WorkflowNodes and pods by the
 * engine's label. Every read goes through {@link KubernetesCalls}, so it is counted and retried.
 */
final class RunObjects {

    /**
     * The run's objects of one kind, found by label: how to list them, delete one by name, and wait
     * until none is left (an inform: a list, then a watch).
     */
    record Kind<T extends HasMetadata>(String singular, String plural, Supplier<List<T>> list, Consumer<String> delete,
                                       Supplier<CompletableFuture<List<T>>> gone) {
    }

    private final KubernetesClient client;
    private final KubernetesCalls calls;
    private final WorkflowHandle handle;
    private final Target target;

    RunObjects(KubernetesClient client, KubernetesCalls calls, WorkflowHandle handle, Target target) {
        this.client = client;
        this.calls = calls;
        this.handle = handle;
        this.target = target;
    }

    WorkflowHandle handle() {
        return handle;
    }

    Target target() {
        return target;
    }

    KubernetesClient client() {
        return client;
    }

    KubernetesCalls calls() {
        return calls;
    }

    /** The run's Workflow, by name. */
    Resource<GenericKubernetesResource> workflow() {
        return workflows().withName(handle.name());
    }

    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> workflows() {
        return client.genericKubernetesResources(target.workflow()).inNamespace(handle.namespace());
    }

    /** The run's WorkflowNodes, by the Chaos Mesh workflow label. */
    FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> nodes() {
        return nodeOps().withLabel(Resources.LABEL_WORKFLOW, handle.name());
    }

    /** The run's pods, by the engine's pod label. */
    FilterWatchListDeletable<Pod, io.fabric8.kubernetes.api.model.PodList, io.fabric8.kubernetes.client.dsl.PodResource> pods() {
        return client.pods().inNamespace(handle.namespace()).withLabel(target.policy().podLabel(), handle.name());
    }

    /** One GET of the Workflow; empty when it does not exist. */
    Optional<GenericKubernetesResource> readWorkflow() {
        return Optional.ofNullable(calls.call("GET", target.workflow().getPlural(), "reading Workflow " + handle, () -> workflow().get()));
    }

    /** One LIST of the run's WorkflowNodes. */
    List<GenericKubernetesResource> listNodes() {
        return calls.call("LIST", "workflownodes", "listing the WorkflowNodes of " + handle, () -> nodes().list()).getItems();
    }

    /** One LIST of the run's pods. */
    List<Pod> listPods() {
        return calls.call("LIST", "pods", "listing the Task pods of " + handle, () -> pods().list()).getItems();
    }

    /** The WorkflowNodes as a kind to sweep: deleted with {@code Background}, so a node goes at once. */
    Kind<GenericKubernetesResource> nodeKind() {
        return new Kind<>("workflownode", "workflownodes", this::listNodes,
                name -> nodeOps().withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete(),
                () -> nodes().informOnCondition(List::isEmpty));
    }

    /** The pods as a kind to sweep. */
    Kind<Pod> podKind() {
        return new Kind<>("pod", "pods", this::listPods,
                name -> client.pods().inNamespace(handle.namespace()).withName(name).delete(),
                () -> pods().informOnCondition(List::isEmpty));
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> nodeOps() {
        return client.genericKubernetesResources(Resources.CHAOS_WORKFLOW_NODE).inNamespace(handle.namespace());
    }
}
