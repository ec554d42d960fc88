package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API server's deletion rules and the garbage collector the testkit adds to the mock. */
class GarbageCollectorTest {

    private static final String NS = "gc";
    private MockCluster cluster;
    private GenericKubernetesResource workflow;
    private GenericKubernetesResource node;
    private Pod pod;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        workflow = cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(ChaosMeshKinds.API_VERSION).withKind("Workflow").withNewMetadata().withName("wf").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("entry", "t", "templates", List.of(Map.of("name", "t", "templateType", "Task")))))
                .build()).create();
        node = cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(NS).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(ChaosMeshKinds.API_VERSION).withKind("WorkflowNode").withNewMetadata().withName("t-abcde")
                .withFinalizers(ApiServerDeletion.FOREGROUND).withOwnerReferences(owner(workflow)).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("type", "Task"))).build()).create();
        pod = cluster.client().pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("t-abcde-xyz12")
                .withFinalizers(ApiServerDeletion.FOREGROUND).withOwnerReferences(owner(node)).endMetadata()
                .withNewSpec().withNodeName("simulated-node").addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus().build()).create();
        Pod running = cluster.client().pods().inNamespace(NS).withName("t-abcde-xyz12").get();
        running.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running").build());
        pod = cluster.client().pods().inNamespace(NS).resource(running).updateStatus();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static OwnerReference owner(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return new OwnerReferenceBuilder().withApiVersion(o.getApiVersion()).withKind(o.getKind()).withName(o.getMetadata().getName())
                .withUid(o.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build();
    }

    private GenericKubernetesResource workflowNow() {
        return cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS).withName("wf").get();
    }

    private GenericKubernetesResource nodeNow() {
        return cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(NS).withName("t-abcde").get();
    }

    private Pod podNow() {
        return cluster.client().pods().inNamespace(NS).withName("t-abcde-xyz12").get();
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(end);
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    @Test
    @DisplayName("Foreground: the Workflow keeps a deletionTimestamp until its node and the node's running pod are gone (gc: processDeletingDependentsItem)")
    void foregroundDeletionWaitsForTheRunningPod() {
        cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS).withName("wf")
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        eventually("the pod to be terminating", () -> podNow() != null && podNow().getMetadata().getDeletionTimestamp() != null);
        assertThat(podNow().getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
        assertThat(workflowNow().getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(workflowNow().getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
        assertThat(nodeNow().getMetadata().getDeletionTimestamp()).isNotNull();

        // The kubelet's final delete once the container stopped.
        cluster.client().pods().inNamespace(NS).withName("t-abcde-xyz12").withGracePeriod(0).delete();
        eventually("everything to be gone", () -> podNow() == null && nodeNow() == null && workflowNow() == null);
    }

    @Test
    @DisplayName("Background: the Workflow goes at once; the GC then deletes the node (Foreground, by its finalizer) and its pod")
    void backgroundDeletionCascadesAfterwards() {
        cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS).withName("wf")
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        assertThat(workflowNow()).isNull();
        eventually("the node to be deleted foreground", () -> nodeNow() != null && nodeNow().getMetadata().getDeletionTimestamp() != null
                && podNow().getMetadata().getDeletionTimestamp() != null);
        cluster.client().pods().inNamespace(NS).withName("t-abcde-xyz12").withGracePeriod(0).delete();
        eventually("node and pod to be gone", () -> podNow() == null && nodeNow() == null);
    }

    @Test
    @DisplayName("Orphan: the node stays and loses its ownerReference to the Workflow")
    void orphanLeavesDependents() {
        cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS).withName("wf")
                .withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
        eventually("the Workflow to be gone", () -> workflowNow() == null);
        assertThat(nodeNow().getMetadata().getOwnerReferences()).isEmpty();
        assertThat(nodeNow().getMetadata().getDeletionTimestamp()).isNull();
    }

    @Test
    @DisplayName("An explicit Background delete of a pod strips foregroundDeletion (store.go deletionFinalizersForGarbageCollection); the pod still takes its grace period")
    void explicitBackgroundDeleteOfAPodStripsTheFinalizer() {
        cluster.client().pods().inNamespace(NS).withName("t-abcde-xyz12").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        Pod terminating = podNow();
        assertThat(terminating.getMetadata().getFinalizers()).isEmpty();
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
        cluster.client().pods().inNamespace(NS).withName("t-abcde-xyz12").withGracePeriod(0).delete();
        assertThat(podNow()).isNull();
        assertThat(nodeNow()).isNotNull();
    }

    @Test
    @DisplayName("The webhook refuses a Suspend template without deadline (workflow_webhook.go validateTemplate) with 403 Forbidden")
    void admissionRefusesInvalidWorkflows() {
        var workflows = cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS);
        assertThatThrownBy(() -> workflows.resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(ChaosMeshKinds.API_VERSION).withKind("Workflow").withNewMetadata().withName("bad").endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("entry", "wait", "templates", List.of(
                        Map.of("name", "wait", "templateType", "Suspend"), Map.of("name", "Bad_Name", "templateType", "Task"),
                        Map.of("name", "wait", "templateType", "Task")))))
                .build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("admission webhook \"vworkflow.kb.io\" denied the request")
                            .contains("deadline in template with type Suspend could not be empty")
                            .contains("template name must be unique")
                            .contains("field name must be DNS-1123 subdomain");
                });
        assertThat(WorkflowAdmission.errors(Map.of("spec", Map.of("entry", "nope", "templates",
                List.of(Map.of("name", "t", "templateType", "Task")))))).singleElement().asString().contains("can not find a template with name nope");
    }
}
