package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.ClusterException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubernetesCallsTest {

    private static KubernetesClientException timedOut() {
        return new KubernetesClientException("The timeout period of 10000ms has been exceeded", new TimeoutException("timed out"));
    }

    @Test
    void aRequestThatTimesOutIsRetriedAndEachAttemptCounted() {
        KubernetesCalls calls = new KubernetesCalls(Duration.ofSeconds(10));
        AtomicInteger attempts = new AtomicInteger();
        String result = calls.call("LIST", "pods", "listing pods", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw timedOut();
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls.snapshot().byVerbAndResource()).containsEntry("LIST pods", 3L);
    }

    @Test
    void aClientErrorIsNotRetried() {
        KubernetesCalls calls = new KubernetesCalls(Duration.ofSeconds(10));
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> calls.call("GET", "workflows", "reading the Workflow", () -> {
            attempts.incrementAndGet();
            throw new KubernetesClientException("forbidden", 403, null);
        })).isInstanceOf(KubernetesClientException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void retriesStopAtTheBudgetWithAMessageNamingIt() {
        KubernetesCalls calls = new KubernetesCalls(Duration.ofMillis(250));
        assertThatThrownBy(() -> calls.call("LIST", "pods", "listing pods", () -> {
            throw timedOut();
        })).isInstanceOf(ClusterException.class).hasMessageContaining("listing pods failed after").hasMessageContaining("retry budget");
    }
}
