package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.BoundedTaskLogs;
import dev.workflowrun.domain.cluster.FollowTaskLogsPort;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.text.Scrubber;
import dev.workflowrun.testkit.Fixtures;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.workflowrun.adapters.k8s.ClusterFixture.NS;
import static dev.workflowrun.adapters.k8s.ClusterFixture.awaitVerdict;
import static dev.workflowrun.adapters.k8s.ClusterFixture.eventually;
import static dev.workflowrun.adapters.k8s.ClusterFixture.handle;
import static dev.workflowrun.adapters.k8s.ClusterFixture.pods;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following Task logs against fabric8's mock API server and the simulated controller. The mock answers a
 * {@code follow=true} log request with the log so far and closes it (it does not stream), so these tests
 * exercise the re-open-and-skip path a real API server only needs when a stream breaks.
 */
class Fabric8TaskLogsTest {

    private MockCluster cluster;
    private SimulatedChaosMesh chaos;
    private WorkflowClusterPort adapter;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        adapter = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults());
    }

    @AfterEach
    void stop() {
        if (chaos != null) {
            chaos.close();
        }
        cluster.close();
    }

    private WorkflowHandle apply(String runId) {
        WorkflowHandle handle = handle(Fixtures.SMOKE_SERIAL, runId);
        adapter.applyOrAdopt(handle, Fixtures.SMOKE_SERIAL.render(NS, runId));
        return handle;
    }

    private FollowTaskLogsPort.Following follow(WorkflowHandle handle, long limit, Scrubber scrubber) {
        return KubernetesAdapters.taskLogs(cluster.client(), Duration.ofMillis(50))
                .follow(handle, limit, new BoundedTaskLogs(limit, () -> scrubber, (task, line) -> seen.add(task + " | " + line)));
    }

    @Test
    void linesAppearWhileTheTaskRunsEachOncePrefixedByItsTaskAndInOrder() {
        chaos = SimulatedChaosMesh.builder(cluster).speed(60)
                .script("prepare", TaskScript.passes(Duration.ofSeconds(1)).withLogs("prepare step 1", "prepare step 2"))
                .script("run-test", TaskScript.passes(Duration.ofMinutes(10)).withLogs("testing"))
                .script("upload-report", TaskScript.passes(Duration.ofSeconds(1)).withLogs("uploaded"))
                .start();
        WorkflowHandle handle = apply("follow1");
        try (FollowTaskLogsPort.Following following = follow(handle, 1 << 20, Scrubber.none())) {
            eventually("the running task's first line", Duration.ofSeconds(20), () -> seen.contains("run-test | testing"));
            Pod running = pods(cluster, handle.name()).stream().filter(p -> p.getMetadata().getName().contains("run-test")).findFirst().orElseThrow();
            cluster.podLogs().append(NS, running.getMetadata().getName(), "run-test", List.of("block 10 reached", "block 20 reached"));

            eventually("a line written while the task runs", Duration.ofSeconds(20), () -> seen.contains("run-test | block 20 reached"));
            assertThat(pods(cluster, handle.name())).as("the task is still running").anySatisfy(p ->
                    assertThat(p.getStatus().getContainerStatuses().get(0).getState().getRunning()).isNotNull());
        }
        assertThat(seen).containsSubsequence("prepare | prepare step 1", "prepare | prepare step 2",
                "run-test | testing", "run-test | block 10 reached", "run-test | block 20 reached");
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void aTaskThatEndsBeforeFollowingStopsHasItsLastLinesPassedOn() {
        chaos = SimulatedChaosMesh.builder(cluster).speed(600)
                .defaultScript(TaskScript.passes(Duration.ofSeconds(5)).withLogs("first", "last"))
                .start();
        WorkflowHandle handle = apply("follow2");
        try (FollowTaskLogsPort.Following following = follow(handle, 1 << 20, Scrubber.none())) {
            awaitVerdict(adapter, handle);
        }
        assertThat(seen).contains("prepare | first", "prepare | last", "run-test | last", "upload-report | last");
        assertThat(seen).doesNotHaveDuplicates();
    }

    @Test
    void eachTaskIsCutAtItsByteLimitWithOneLineSayingSoAndSecretsAreScrubbed() {
        chaos = SimulatedChaosMesh.builder(cluster).speed(600)
                .defaultScript(TaskScript.passes(Duration.ofSeconds(5)).withLogs("token s3cr3t-value", "0123456789", "0123456789", "never shown"))
                .start();
        WorkflowHandle handle = apply("follow3");
        try (FollowTaskLogsPort.Following following = follow(handle, 30, Scrubber.of(Map.of("TOKEN", "s3cr3t-value")))) {
            awaitVerdict(adapter, handle);
        }
        assertThat(seen).filteredOn(l -> l.startsWith("prepare | ")).containsExactly(
                "prepare | token <secret TOKEN>", "prepare | 0123456789",
                "prepare | \u2026 truncated: the log of prepare passed 30 bytes (--follow-logs-limit); the bundle keeps its tail");
        assertThat(String.join("\n", seen)).doesNotContain("s3cr3t-value", "never shown");
    }

    @Test
    void closingEndsEveryReaderEvenWhenTheApiServerIsAlreadyGone() {
        MockCluster gone = MockCluster.start();
        SimulatedChaosMesh sim = SimulatedChaosMesh.builder(gone).speed(60)
                .defaultScript(TaskScript.passes(Duration.ofMinutes(30)).withLogs("working")).start();
        WorkflowHandle handle = handle(Fixtures.SMOKE_SERIAL, "follow4");
        KubernetesAdapters.cluster(gone.client(), ClusterOptions.defaults()).applyOrAdopt(handle, Fixtures.SMOKE_SERIAL.render(NS, "follow4"));
        FollowTaskLogsPort.Following following = KubernetesAdapters.taskLogs(gone.client(), Duration.ofMillis(50))
                .follow(handle, 1 << 20, (task, line) -> seen.add(task + " | " + line));
        eventually("a followed line", Duration.ofSeconds(20), () -> seen.contains("prepare | working"));

        sim.close();
        gone.close();
        following.close();

        eventually("every reader thread to end", Duration.ofSeconds(10), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("workflow-run-logs-") && t.getName().contains("follow4")));
    }
}
