package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.testkit.ChaosMeshKinds;
import dev.workflowrun.testkit.Fixtures;
import dev.workflowrun.testkit.MockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Shared set-up for the cluster adapter tests: a namespace, a handle per run id, small waits. */
final class ClusterFixture {

    static final String NS = "runs";

    private ClusterFixture() {
    }

    static WorkflowHandle handle(Fixtures fixture, String runId) {
        return new WorkflowHandle(NS, fixture.workflowName(runId), fixture.scenario(), runId);
    }

    static WorkflowVerdict awaitVerdict(WorkflowClusterPort cluster, WorkflowHandle handle) {
        AwaitResult result = cluster.awaitTerminal(handle, Instant.now().plusSeconds(60), new Cancellation(), ProgressListener.NONE);
        assertThat(result).isInstanceOf(AwaitResult.Finished.class);
        return ((AwaitResult.Finished) result).verdict();
    }

    static List<GenericKubernetesResource> nodes(MockCluster cluster, String workflow) {
        return cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(NS)
                .withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems();
    }

    static List<Pod> pods(MockCluster cluster, String workflow) {
        return cluster.client().pods().inNamespace(NS).withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems();
    }

    /** Waits for a condition, bounded; fails the test when it does not hold in time. */
    static void eventually(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
