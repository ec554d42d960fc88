package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A watch closed by its client while the server is sending on it must not stall the API server.
 * The mock's close handler used to wait, on the server's event loop, for the watch's sending thread,
 * which itself waited up to 30 s for the event loop to complete its write: every request stalled.
 * And a write that matched the closing watch failed without an answer (its event was scheduled on
 * the stopped sending thread), so its client timed out.
 */
class WatchCloseStallTest {

    @Test
    void closing_watches_in_the_middle_of_a_burst_of_events_leaves_the_server_answering() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (MockCluster cluster = MockCluster.start()) {
            KubernetesClient client = cluster.client();
            for (int round = 0; round < 8; round++) {
                String name = "burst-" + round;
                client.configMaps().resource(configMap(name, 0)).create();
                CountDownLatch firstEvent = new CountDownLatch(1);
                try (KubernetesClient watching = cluster.newClient()) {
                    Watch watch = watching.configMaps().withName(name).watch(new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, ConfigMap resource) {
                            firstEvent.countDown();
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                        }
                    });
                    Future<?> burst = writer.submit(() -> {
                        for (int i = 1; i <= 200; i++) {
                            client.configMaps().withName(name).edit(cm -> configMap(name, cm.getData().size()));
                        }
                    });
                    assertThat(firstEvent.await(10, TimeUnit.SECONDS)).isTrue();
                    watch.close();
                    burst.get(20, TimeUnit.SECONDS);
                }
                long start = System.nanoTime();
                assertThat(client.configMaps().withName(name).get()).isNotNull();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a GET after round %d", round).isLessThan(Duration.ofSeconds(5));
            }
        } finally {
            writer.shutdownNow();
        }
    }

    private static ConfigMap configMap(String name, int entries) {
        ConfigMapBuilder b = new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata();
        for (int i = 0; i <= entries; i++) {
            b.addToData("k" + i, "v".repeat(200));
        }
        return b.build();
    }
}
