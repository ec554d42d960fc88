package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.ReceivedRequest;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskChain;
import dev.workflowrun.testkit.TaskScript;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static dev.workflowrun.adapters.k8s.ClusterFixture.NS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API requests of a whole passing run (reachability check, apply, wait, capture, cleanup) on the
 * simulator with its garbage collector, counted twice: by the adapter, and by the server, which
 * tells the runner's requests from the simulator's by the client's User-Agent. Counts, not time, so
 * the test is the same on a loaded machine.
 */
class WholeRunRequestsTest {

    private static final String RUNNER = "workflow-run-under-test";

    private MockCluster cluster;
    private SimulatedChaosMesh chaos;
    private KubernetesClient runnerClient;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        chaos = SimulatedChaosMesh.builder(cluster).speed(6000).defaultScript(TaskScript.passes(Duration.ofMinutes(1))).start();
        runnerClient = cluster.newClient(RUNNER);
    }

    @AfterEach
    void stop() {
        runnerClient.close();
        chaos.close();
        cluster.close();
    }

    @Test
    void aWholePassingRunOfFiveTasksMakesAtMostFifteenRequestsOneLogReadPerTask() {
        WorkflowClusterPort adapter = KubernetesAdapters.cluster(runnerClient, ClusterOptions.defaults());

        List<ReceivedRequest> received = wholeRun(adapter, "five", 5);

        assertThat(adapter.requestCounts().total()).as(describe(received)).isLessThanOrEqualTo(15);
        assertThat(adapter.requestCounts().byVerbAndResource()).containsEntry("GET pods/log", 5L)
                .doesNotContainKeys("PATCH workflows", "DELETE pods", "DELETE workflownodes")
                // the wait's node watch showed the whole tree ended: its nodes are the verdict's, not listed again
                .doesNotContainKey("LIST workflownodes");
        // The server received exactly what the adapter counted: no request is made behind the adapter's back.
        assertThat(received).as(describe(received)).hasSize((int) adapter.requestCounts().total());
    }

    @Test
    void moreTasksCostOnlyTheirLogReads() {
        WorkflowClusterPort one = KubernetesAdapters.cluster(runnerClient, ClusterOptions.defaults());
        wholeRun(one, "one", 1);
        WorkflowClusterPort five = KubernetesAdapters.cluster(runnerClient, ClusterOptions.defaults());
        wholeRun(five, "five", 5);

        assertThat(five.requestCounts().total() - one.requestCounts().total()).isEqualTo(4);
    }

    private List<ReceivedRequest> wholeRun(WorkflowClusterPort adapter, String runId, int tasks) {
        int before = cluster.requestsFrom(RUNNER).size();
        WorkflowHandle handle = new WorkflowHandle(NS, "tasks-" + runId, "tasks", runId);
        adapter.checkReachable(NS);
        adapter.applyOrAdopt(handle, TaskChain.serial(NS, handle.name(), runId, tasks));
        AwaitResult result = adapter.awaitTerminal(handle, Instant.now().plusSeconds(60), new Cancellation(), ProgressListener.NONE);
        assertThat(result).isInstanceOfSatisfying(AwaitResult.Finished.class, f -> assertThat(f.verdict().outcome()).isEqualTo(Outcome.PASSED));
        TerminalSnapshot snapshot = adapter.capture(handle, CaptureOptions.DEFAULT);
        assertThat(snapshot.pods()).isEqualTo(tasks);
        assertThat(snapshot.nodes()).isEqualTo(tasks + 1);
        CleanupReport report = adapter.cleanUp(handle, Duration.ofSeconds(10));
        assertThat(report.problems()).isEmpty();
        assertThat(report.workflowDeleted()).isTrue();
        assertThat(ClusterFixture.nodes(cluster, handle.name())).isEmpty();
        assertThat(ClusterFixture.pods(cluster, handle.name())).isEmpty();
        List<ReceivedRequest> all = cluster.requestsFrom(RUNNER);
        return all.subList(before, all.size());
    }

    private static String describe(List<ReceivedRequest> received) {
        return "requests the server received from the runner:\n" + received.stream().map(ReceivedRequest::toString).collect(Collectors.joining("\n"));
    }
}
