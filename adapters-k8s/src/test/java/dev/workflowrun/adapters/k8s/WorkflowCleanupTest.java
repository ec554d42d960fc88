package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.testkit.ChaosMeshKinds;
import dev.workflowrun.testkit.ConformanceStories;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.workflowrun.adapters.k8s.ClusterFixture.NS;
import static dev.workflowrun.adapters.k8s.ClusterFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** Cleanup against the faithful simulator and the testkit's garbage collector. */
class WorkflowCleanupTest {

    private MockCluster cluster;
    private SimulatedChaosMesh sim;
    private WorkflowClusterPort adapter;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
        adapter = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults());
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        cluster.close();
    }

    private WorkflowHandle apply(ConformanceStories.Story story, String runId) {
        WorkflowHandle handle = new WorkflowHandle(NS, story.workflowName(runId), story.name(), runId);
        adapter.applyOrAdopt(handle, story.manifest(NS, runId));
        return handle;
    }

    private boolean namespaceEmpty(String workflow) {
        return cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS).list().getItems().isEmpty()
                && cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(NS).list().getItems().isEmpty()
                && cluster.client().pods().inNamespace(NS).list().getItems().isEmpty();
    }

    private void assertNoPodRecreated(WorkflowHandle handle, String... templates) {
        for (String template : templates) {
            assertThat(sim.podsCreated(NS, handle.name(), template)).as("pods created for " + template).isLessThanOrEqualTo(1);
        }
    }

    @Test
    @DisplayName("a passing run leaves an empty namespace and no cleanup problem")
    void aPassingRunLeavesAnEmptyNamespace() {
        ConformanceStories.Story story = ConformanceStories.byName("passing-long-run");
        sim = story.simulator(cluster).start();
        WorkflowHandle handle = apply(story, "clean1");
        assertThat(story.awaitSettled(cluster.client(), sim, NS, handle.name(), Duration.ofSeconds(30))).isEmpty();

        CleanupReport report = adapter.cleanUp(handle, Duration.ofSeconds(10));

        assertThat(report.problems()).isEmpty();
        assertThat(report.workflowDeleted()).isTrue();
        assertThat(report.abortRequested()).isFalse();
        assertThat(report.swept()).isEmpty();
        assertThat(namespaceEmpty(handle.name())).isTrue();
        assertNoPodRecreated(handle, "provision", "run-test", "upload-report");
        assertThat(adapter.requestCounts().byVerbAndResource()).doesNotContainKey("DELETE pods");
    }

    @Test
    @DisplayName("Tasks that ignore SIGTERM (30 s grace at the speed factor): the delete is slow, finishes, and is no problem even with a shorter bound")
    void tasksIgnoringSigtermEndCleanWithinTheirGracePeriod() {
        ConformanceStories.Story story = ConformanceStories.byName("passing-long-run");
        // 30 simulated seconds of grace take 3 real seconds at speed 10.
        sim = SimulatedChaosMesh.builder(cluster).speed(10).defaultScript(TaskScript.passes(Duration.ofHours(2))).start();
        WorkflowHandle handle = apply(story, "sigterm1");
        eventually("the first Task to run", Duration.ofSeconds(20), () -> cluster.client().pods().inNamespace(NS).list().getItems().stream()
                .anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())));
        AwaitResult waited = adapter.awaitTerminal(handle, Instant.now().plusMillis(200), new Cancellation(), ProgressListener.NONE);
        assertThat(waited).isInstanceOf(AwaitResult.StillRunning.class);
        TerminalSnapshot snapshot = adapter.capture(handle, CaptureOptions.DEFAULT);
        assertThat(snapshot.problems()).isEmpty();

        long t0 = System.nanoTime();
        CleanupReport report = adapter.cleanUp(handle, Duration.ofSeconds(2));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(took).isGreaterThan(Duration.ofMillis(2500));
        assertThat(report.problems()).isEmpty();
        assertThat(report.abortRequested()).isTrue();
        assertThat(report.workflowDeleted()).isTrue();
        assertThat(report.notes()).anyMatch(n -> n.contains("cleanup bound raised from 2s to 45s"));
        assertThat(namespaceEmpty(handle.name())).isTrue();
        assertNoPodRecreated(handle, "provision");
        assertThat(adapter.requestCounts().byVerbAndResource()).doesNotContainKey("DELETE pods");
    }

    @Test
    @DisplayName("a delete that outlasts the bound names what is left, one by one")
    void aDeleteThatOutlastsTheBoundNamesWhatIsLeft() {
        sim = SimulatedChaosMesh.builder(cluster).speed(600).start();
        String name = "held-r1";
        WorkflowHandle handle = new WorkflowHandle(NS, name, "held", "r1");
        // A finalizer nobody removes (a policy controller that is down, say) keeps the Workflow.
        adapter.applyOrAdopt(handle, """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata:
                  name: held-r1
                  finalizers: [example.com/hold]
                spec:
                  entry: wait
                  templates:
                    - name: wait
                      templateType: Suspend
                      deadline: 1h
                """);
        eventually("the entry node", Duration.ofSeconds(10), () -> !ClusterFixture.nodes(cluster, name).isEmpty());

        CleanupReport report = adapter.cleanUp(handle, Duration.ofSeconds(1));

        assertThat(report.workflowDeleted()).isFalse();
        assertThat(report.problems()).singleElement().asString()
                .startsWith("workflow/held-r1 still there 1s after the delete (deleting since ")
                .contains("example.com/hold");
        assertThat(ClusterFixture.nodes(cluster, name)).isEmpty();
    }

    @Test
    @DisplayName("cleanup never deletes a Task pod while its node exists (task_reconciler.go would create another one)")
    void neverDeletesATaskPodWhileItsNodeExists() {
        ConformanceStories.Story story = ConformanceStories.byName("abort-by-annotation");
        sim = SimulatedChaosMesh.builder(cluster).speed(600).defaultScript(TaskScript.passes(Duration.ofHours(2))).start();
        WorkflowHandle handle = apply(story, "norerun1");
        eventually("a running Task", Duration.ofSeconds(20), () -> cluster.client().pods().inNamespace(NS).list().getItems().stream()
                .anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())));

        CleanupReport report = adapter.cleanUp(handle, Duration.ofSeconds(10));

        assertThat(report.problems()).isEmpty();
        assertThat(namespaceEmpty(handle.name())).isTrue();
        assertNoPodRecreated(handle, "provision", "run-test");
        assertThat(adapter.requestCounts().byVerbAndResource()).doesNotContainKey("DELETE pods");
    }

    @Test
    @DisplayName("a labelled pod the Workflow does not own is swept even when the garbage collector removed everything else")
    void anUnownedLabelledPodIsSweptAfterTheForegroundDelete() {
        ConformanceStories.Story story = ConformanceStories.byName("passing-long-run");
        sim = story.simulator(cluster).start();
        WorkflowHandle handle = apply(story, "unowned1");
        // Someone's debugging pod, labelled like the run's pods but owned by nothing: no garbage collector removes it.
        cluster.client().pods().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("debug-" + handle.name()).addToLabels(ChaosMeshKinds.LABEL_WORKFLOW, handle.name()).endMetadata()
                .withNewSpec().addNewContainer().withName("sh").withImage("busybox").endContainer().endSpec().build()).create();
        assertThat(story.awaitSettled(cluster.client(), sim, NS, handle.name(), Duration.ofSeconds(30))).isEmpty();
        assertThat(adapter.awaitTerminal(handle, Instant.now().plusSeconds(30), new Cancellation(), ProgressListener.NONE))
                .isInstanceOf(AwaitResult.Finished.class);
        adapter.capture(handle, CaptureOptions.DEFAULT);

        CleanupReport report = adapter.cleanUp(handle, Duration.ofSeconds(10));

        assertThat(report.problems()).isEmpty();
        assertThat(report.swept()).containsExactly("pod/debug-" + handle.name());
        assertThat(namespaceEmpty(handle.name())).isTrue();
    }

    static List<ConformanceStories.Story> stories() {
        return ConformanceStories.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    @DisplayName("every conformance story, replayed through the adapter, is captured and then cleaned up without a problem")
    void everyStoryCleansUp(ConformanceStories.Story story) {
        sim = story.simulator(cluster).start();
        WorkflowHandle handle = apply(story, "replay");
        story.act(sim, cluster.client(), NS, handle.name());
        assertThat(story.awaitSettled(cluster.client(), sim, NS, handle.name(), Duration.ofSeconds(30))).isEmpty();
        TerminalSnapshot snapshot = adapter.capture(handle, CaptureOptions.DEFAULT);
        assertThat(snapshot.nodes()).isEqualTo(story.nodes().size());

        CleanupReport report = adapter.cleanUp(handle, Duration.ofSeconds(10));

        assertThat(report.problems()).isEmpty();
        assertThat(namespaceEmpty(handle.name())).isTrue();
    }
}
