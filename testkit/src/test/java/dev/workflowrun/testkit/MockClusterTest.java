package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MockClusterTest {

    @Test
    void servesWorkflowsWithAStatusSubresourceAndWatches() throws Exception {
        try (MockCluster cluster = MockCluster.start()) {
            var workflows = cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace("ns");
            GenericKubernetesResource wf = new GenericKubernetesResourceBuilder()
                    .withApiVersion(ChaosMeshKinds.API_VERSION).withKind("Workflow")
                    .withNewMetadata().withName("w").endMetadata()
                    .withAdditionalProperties(Map.of("spec", Map.of("entry", "e", "templates",
                            java.util.List.of(Map.of("name", "e", "templateType", "Suspend", "deadline", "1m"))), "status", Map.of("x", 1)))
                    .build();
            GenericKubernetesResource created = workflows.resource(wf).create();
            assertThat(created.getAdditionalProperties()).doesNotContainKey("status");

            CountDownLatch modified = new CountDownLatch(1);
            CountDownLatch closed = new CountDownLatch(1);
            var watch = workflows.withName("w").watch(new Watcher<GenericKubernetesResource>() {
                @Override
                public void eventReceived(Action action, GenericKubernetesResource resource) {
                    if (action == Action.MODIFIED) {
                        modified.countDown();
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                    closed.countDown();
                }
            });
            created.setAdditionalProperty("status", Map.of("entryNode", "e-1"));
            workflows.resource(created).updateStatus();
            assertThat(modified.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(workflows.withName("w").get().getAdditionalProperties().get("status")).isEqualTo(Map.of("entryNode", "e-1"));
            assertThat(cluster.openWatches()).isEqualTo(1);
            assertThat(cluster.dropWatches()).isEqualTo(1);
            watch.close();
        }
    }

    @Test
    void servesPodLogsWithTailAndByteLimit() {
        try (MockCluster cluster = MockCluster.start()) {
            cluster.podLogs().append("ns", "p", "c", java.util.List.of("one", "two", "three"));
            String tail = cluster.client().pods().inNamespace("ns").withName("p").inContainer("c").tailingLines(2).getLog();
            assertThat(tail).isEqualTo("two\nthree\n");
            String limited = cluster.client().pods().inNamespace("ns").withName("p").inContainer("c").limitBytes(5).getLog();
            assertThat(limited).isEqualTo("one\nt");
        }
    }
}
