package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.cluster.ApiRequestCounts;
import dev.workflowrun.domain.cluster.ApplyResult;
import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.ClusterException;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.RunLabels;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.testkit.ChaosMeshKinds;
import dev.workflowrun.testkit.Fixtures;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static dev.workflowrun.adapters.k8s.ClusterFixture.NS;
import static dev.workflowrun.adapters.k8s.ClusterFixture.awaitVerdict;
import static dev.workflowrun.adapters.k8s.ClusterFixture.eventually;
import static dev.workflowrun.adapters.k8s.ClusterFixture.handle;
import static dev.workflowrun.adapters.k8s.ClusterFixture.nodes;
import static dev.workflowrun.adapters.k8s.ClusterFixture.pods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Fabric8WorkflowClusterTest {

    private MockCluster cluster;
    private SimulatedChaosMesh chaos;
    private WorkflowClusterPort adapter;

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

    private void simulate(SimulatedChaosMesh.Builder builder) {
        chaos = builder.start();
    }

    private WorkflowHandle applySerial(String runId) {
        WorkflowHandle handle = handle(Fixtures.SMOKE_SERIAL, runId);
        assertThat(adapter.applyOrAdopt(handle, Fixtures.SMOKE_SERIAL.render(NS, runId))).isEqualTo(ApplyResult.APPLIED);
        return handle;
    }

    @Test
    void captureKeepsThePerRunConfigMapTheTasksRead() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000));
        WorkflowHandle handle = applySerial("vars1");
        cluster.client().configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("workflow-vars-" + handle.name()).endMetadata()
                .addToData("VALIDATOR_TM_RPC", "http://validator-0.nightly.svc:26657").build()).create();
        awaitVerdict(adapter, handle);

        TerminalSnapshot snapshot = adapter.capture(handle, CaptureOptions.DEFAULT);

        assertThat(names(snapshot)).contains("workflow-vars.yaml");
        assertThat(text(snapshot, "workflow-vars.yaml")).contains("kind: \"ConfigMap\"", "VALIDATOR_TM_RPC", "validator-0.nightly.svc:26657");
        assertThat(snapshot.problems()).isEmpty();
    }

    @Test
    void aScenarioWithoutAPerRunConfigMapIsCapturedWithoutAProblem() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000));
        WorkflowHandle handle = applySerial("vars2");
        awaitVerdict(adapter, handle);

        TerminalSnapshot snapshot = adapter.capture(handle, CaptureOptions.DEFAULT);

        assertThat(names(snapshot)).doesNotContain("workflow-vars.yaml");
        assertThat(snapshot.problems()).isEmpty();
    }

    @Test
    void aWorkflowWhoseTasksAllExitZeroPasses() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000));
        WorkflowHandle handle = applySerial("pass1");

        WorkflowVerdict verdict = awaitVerdict(adapter, handle);

        assertThat(verdict.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(verdict.decidingTask()).isEmpty();
        GenericKubernetesResource wf = cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS)
                .withName(handle.name()).get();
        assertThat(wf.getMetadata().getLabels()).containsAllEntriesOf(RunLabels.of(handle));
    }

    @Test
    void aTaskExitingOneIsATaskFailureEvenThoughTheWorkflowIsAccomplished() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000).script("run-test", TaskScript.exits(1, Duration.ofMinutes(3))));
        WorkflowHandle handle = applySerial("fail1");

        WorkflowVerdict verdict = awaitVerdict(adapter, handle);

        assertThat(verdict.outcome()).isEqualTo(Outcome.TASK_FAILED);
        assertThat(verdict.decidingTask()).contains("run-test");
        assertThat(verdict.reason()).contains("exited 1");
        // What a wrapper that only looks at the Workflow would have seen: success.
        GenericKubernetesResource wf = cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS)
                .withName(handle.name()).get();
        assertThat(Resources.conditionTrue(wf, "Accomplished")).isTrue();
        // And the Serial did not fail fast: upload-report still ran.
        assertThat(pods(cluster, handle.name())).hasSize(3);
    }

    @Test
    void aTaskExitingTwoIsAnInfrastructureFailure() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000).script("prepare", TaskScript.exits(2, Duration.ofMinutes(1))));
        WorkflowVerdict verdict = awaitVerdict(adapter, applySerial("infra2"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.INFRA_FAILED);
        assertThat(verdict.decidingTask()).contains("prepare");
        assertThat(verdict.reason()).contains("exited 2");
    }

    @Test
    void aPodThatNeverStartsIsAnInfrastructureFailure() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000).script("run-test", TaskScript.neverStarts("CreateContainerConfigError")));
        WorkflowVerdict verdict = awaitVerdict(adapter, applySerial("stuck1"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.INFRA_FAILED);
        assertThat(verdict.decidingTask()).contains("run-test");
        assertThat(verdict.reason()).contains("never started").contains("CreateContainerConfigError");
    }

    @Test
    void anExceededEntryDeadlineIsATimeOut() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000).script("prepare", TaskScript.passes(Duration.ofHours(10))));
        WorkflowHandle handle = handle(Fixtures.SMOKE_SERIAL, "late1");
        adapter.applyOrAdopt(handle, Fixtures.SMOKE_SERIAL.render(NS, "late1").replace("deadline: 5m", "deadline: 90m"));

        WorkflowVerdict verdict = awaitVerdict(adapter, handle);

        assertThat(verdict.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertThat(verdict.decidingTask()).contains("prepare");
        assertThat(verdict.reason()).contains("the deadline of Serial smoke", "passed while Task prepare");
    }

    @Test
    void atTheHardDeadlineTheRunCapturesFirstThenAbortsDeletesAndSweeps() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(10)
                .script("prepare", TaskScript.passes(Duration.ofHours(1)).withLogs("still preparing")));
        WorkflowHandle handle = applySerial("hard1");
        eventually("the prepare pod to run", Duration.ofSeconds(20), () -> pods(cluster, handle.name()).size() == 1);

        AwaitResult result = adapter.awaitTerminal(handle, Instant.now().plusMillis(300), new Cancellation(), ProgressListener.NONE);
        assertThat(result).isInstanceOf(AwaitResult.StillRunning.class);

        TerminalSnapshot snapshot = adapter.capture(handle, CaptureOptions.DEFAULT);
        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.pods()).isEqualTo(1);
        assertThat(names(snapshot)).contains("workflow.yaml", "workflownodes.yaml", "pods.yaml", "events.yaml");
        assertThat(text(snapshot, names(snapshot).stream().filter(n -> n.startsWith("logs/")).findFirst().orElseThrow()))
                .isEqualTo("still preparing\n");

        CleanupReport report = adapter.cleanUp(handle, Duration.ofSeconds(10));
        assertThat(report.abortRequested()).isTrue();
        assertThat(report.workflowDeleted()).isTrue();
        assertThat(report.problems()).isEmpty();
        // The garbage collector removed nodes and pods with the Workflow (foreground): nothing was left to sweep.
        assertThat(report.swept()).isEmpty();
        assertThat(nodes(cluster, handle.name())).isEmpty();
        assertThat(pods(cluster, handle.name())).isEmpty();
    }

    @Test
    void aWatchDroppedMidRunStillSeesTheOutcome() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(120));
        WorkflowHandle handle = applySerial("drop1");
        CompletableFuture<AwaitResult> waiting = CompletableFuture.supplyAsync(() ->
                adapter.awaitTerminal(handle, Instant.now().plusSeconds(60), new Cancellation(), ProgressListener.NONE));
        // The simulator's informer holds one watch; the adapter adds two (Workflow, nodes).
        eventually("the adapter's watches", Duration.ofSeconds(20), () -> cluster.openWatches() >= 3);

        assertThat(cluster.dropWatches()).isGreaterThanOrEqualTo(3);

        AwaitResult result = waiting.orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(result).isInstanceOfSatisfying(AwaitResult.Finished.class,
                f -> assertThat(f.verdict().outcome()).isEqualTo(Outcome.PASSED));
    }

    @Test
    void injected500sAnd429sAreRetried() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000));
        WorkflowHandle handle = handle(Fixtures.SMOKE_SERIAL, "flaky1");
        String workflowPath = "/apis/chaos-mesh.org/v1alpha1/namespaces/" + NS + "/workflows/" + handle.name();
        cluster.server().expect().get().withPath(workflowPath).andReturn(500, "{\"kind\":\"Status\",\"code\":500,\"message\":\"etcd leader changed\"}").times(2);
        cluster.server().expect().get().withPath("/api/v1/namespaces/" + NS + "/pods?labelSelector=chaos-mesh.org%2Fworkflow%3D" + handle.name())
                .andReturn(429, "{\"kind\":\"Status\",\"code\":429,\"message\":\"too many requests\",\"details\":{\"retryAfterSeconds\":0}}").once();

        assertThat(adapter.applyOrAdopt(handle, Fixtures.SMOKE_SERIAL.render(NS, "flaky1"))).isEqualTo(ApplyResult.APPLIED);
        assertThat(awaitVerdict(adapter, handle).outcome()).isEqualTo(Outcome.PASSED);

        Map<String, Long> counts = adapter.requestCounts().byVerbAndResource();
        assertThat(counts.get("GET workflows")).isEqualTo(3);   // 2 x 500, then the 404 of apply (the wait watches from the Workflow apply wrote)
        assertThat(counts.get("LIST pods")).isEqualTo(2);       // the 429, then the answer
    }

    @Test
    void aServerThatKeepsFailingExhaustsTheRetryBudgetWithAClearError() {
        WorkflowClusterPort impatient = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults().withRetryBudget(Duration.ofMillis(400)));
        WorkflowHandle handle = handle(Fixtures.SMOKE_SERIAL, "down1");
        cluster.server().expect().get().withPath("/apis/chaos-mesh.org/v1alpha1/namespaces/" + NS + "/workflows/" + handle.name())
                .andReturn(503, "{\"kind\":\"Status\",\"code\":503,\"message\":\"unavailable\"}").always();

        assertThatThrownBy(() -> impatient.applyOrAdopt(handle, Fixtures.SMOKE_SERIAL.render(NS, "down1")))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("retry budget")
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void captureHoldsTheNodeTreeExitCodesAndBoundedLogTails() throws IOException {
        List<String> lines = IntStream.rangeClosed(1, 250).mapToObj(i -> "check " + i).toList();
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000)
                .script("run-test", TaskScript.exits(1, Duration.ofMinutes(3)).withLogs(lines))
                .script("upload-report", TaskScript.passes(Duration.ofSeconds(30)).withLogs("x".repeat(500))));
        WorkflowHandle handle = applySerial("cap1");
        awaitVerdict(adapter, handle);

        TerminalSnapshot snapshot = adapter.capture(handle, new CaptureOptions(200, 100));

        assertThat(snapshot.nodes()).isEqualTo(4);
        assertThat(snapshot.pods()).isEqualTo(3);
        assertThat(snapshot.problems()).isEmpty();
        YAMLMapper yaml = new YAMLMapper();
        assertThat(yaml.readTree(text(snapshot, "workflownodes.yaml")).get("kind").asString()).isEqualTo("List");
        JsonNode tree = yaml.readTree(text(snapshot, "workflow-tree.yaml")).get("nodes");
        assertThat(tree).hasSize(1);
        assertThat(tree.get(0).get("template").asString()).isEqualTo("smoke");
        assertThat(tree.get(0).get("children").valueStream().map(c -> c.get("template").asString()).toList())
                .containsExactly("prepare", "run-test", "upload-report");
        assertThat(tree.get(0).get("children").get(1).get("conditions").valueStream().map(c -> c.get("type").asString()).toList())
                .contains("Accomplished");

        JsonNode pods = yaml.readTree(text(snapshot, "pods.yaml")).get("items");
        Map<String, Integer> exitCodes = new java.util.TreeMap<>();
        pods.forEach(p -> exitCodes.put(p.at("/status/containerStatuses/0/name").asString(),
                p.at("/status/containerStatuses/0/state/terminated/exitCode").asInt()));
        assertThat(exitCodes).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("prepare", 0, "run-test", 1, "upload-report", 0)));

        String runTestLog = text(snapshot, logOf(snapshot, "run-test"));
        assertThat(runTestLog.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(100);
        assertThat(runTestLog).endsWith("check 250\n");
        assertThat(text(snapshot, logOf(snapshot, "upload-report"))).hasSize(100);

        TerminalSnapshot wide = adapter.capture(handle, CaptureOptions.DEFAULT);
        String full = text(wide, logOf(wide, "run-test"));
        assertThat(full.lines()).hasSize(200).startsWith("check 51").endsWith("check 250");
        assertThat(text(wide, "events.yaml")).contains("Started container run-test");
    }

    @Test
    void captureOfANeverStartedPodSaysWhyThereIsNoLog() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000).script("prepare", TaskScript.neverStarts("ImagePullBackOff")));
        WorkflowHandle handle = applySerial("cap2");
        awaitVerdict(adapter, handle);

        TerminalSnapshot snapshot = adapter.capture(handle, CaptureOptions.DEFAULT);

        assertThat(text(snapshot, "pods.yaml")).contains("ImagePullBackOff");
        assertThat(text(snapshot, "workflow-tree.yaml")).contains("never started");
        assertThat(names(snapshot)).noneMatch(n -> n.startsWith("logs/prepare-"));
        assertThat(text(snapshot, "events.yaml")).contains("Error: ImagePullBackOff");
    }

    @Test
    void cleanUpSweepsOrphanNodesAndPodsWithoutRelyingOnGarbageCollection() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000));
        WorkflowHandle handle = applySerial("orphans1");
        awaitVerdict(adapter, handle);
        // Someone deleted the Workflow orphaning its dependents (or a cluster without a garbage collector).
        cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS).withName(handle.name())
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.ORPHAN).delete();
        eventually("the Workflow to be gone", Duration.ofSeconds(10), () -> cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW)
                .inNamespace(NS).withName(handle.name()).get() == null);
        assertThat(nodes(cluster, handle.name())).hasSize(4);

        CleanupReport report = adapter.cleanUp(handle, Duration.ofSeconds(10));

        assertThat(report.abortRequested()).isFalse();
        assertThat(report.workflowDeleted()).isTrue();
        assertThat(report.swept()).filteredOn(s -> s.startsWith("workflownode/")).hasSize(4);
        assertThat(report.problems()).isEmpty();
        assertThat(nodes(cluster, handle.name())).isEmpty();
        assertThat(pods(cluster, handle.name())).isEmpty();
    }

    @Test
    void aSecondApplyWithTheSameRunIdAdoptsTheWorkflow() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(6000));
        WorkflowHandle handle = applySerial("retry1");

        WorkflowClusterPort retry = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults());
        assertThat(retry.applyOrAdopt(handle, Fixtures.SMOKE_SERIAL.render(NS, "retry1"))).isEqualTo(ApplyResult.ADOPTED);
        assertThat(retry.requestCounts().byVerbAndResource()).containsOnlyKeys("GET workflows");
        assertThat(awaitVerdict(retry, handle).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS).list().getItems()).hasSize(1);

        WorkflowHandle other = new WorkflowHandle(NS, handle.name(), handle.scenario(), "someone-else");
        assertThatThrownBy(() -> retry.applyOrAdopt(other, Fixtures.SMOKE_SERIAL.render(NS, "retry1")))
                .isInstanceOf(ClusterException.class).hasMessageContaining("belongs to run retry1");
    }

    @Test
    void theRequestsOfAWaitDoNotGrowWithTheRunsDuration() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(240)
                .script("long-prepare", TaskScript.passes(Duration.ofMinutes(4)))
                .defaultScript(TaskScript.passes(Duration.ofSeconds(10))));
        WorkflowClusterPort shortRun = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults());
        WorkflowClusterPort longRun = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults());
        WorkflowHandle quick = handle(Fixtures.SMOKE_SERIAL, "quick");
        WorkflowHandle slow = handle(Fixtures.SMOKE_SERIAL, "slow");
        shortRun.applyOrAdopt(quick, Fixtures.SMOKE_SERIAL.render(NS, "quick"));
        // 4 simulated minutes in prepare instead of 10 seconds: about 25 times as long.
        longRun.applyOrAdopt(slow, Fixtures.SMOKE_SERIAL.render(NS, "slow").replace("- name: prepare", "- name: long-prepare")
                .replace("- prepare", "- long-prepare"));

        assertThat(awaitVerdict(shortRun, quick).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(awaitVerdict(longRun, slow).outcome()).isEqualTo(Outcome.PASSED);

        ApiRequestCounts a = shortRun.requestCounts();
        ApiRequestCounts b = longRun.requestCounts();
        assertThat(b.byVerbAndResource()).isEqualTo(a.byVerbAndResource());
        assertThat(b.total()).isLessThanOrEqualTo(12);
    }

    @Test
    void cancellationEndsTheWaitPromptly() {
        simulate(SimulatedChaosMesh.builder(cluster).speed(1));
        WorkflowHandle handle = applySerial("cancel1");
        Cancellation cancellation = new Cancellation();
        CompletableFuture<AwaitResult> waiting = CompletableFuture.supplyAsync(() ->
                adapter.awaitTerminal(handle, Instant.now().plusSeconds(600), cancellation, ProgressListener.NONE));
        eventually("the adapter's watches", Duration.ofSeconds(20), () -> cluster.openWatches() >= 3);

        cancellation.cancel("SIGTERM");

        assertThat(waiting.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join())
                .isEqualTo(new AwaitResult.Cancelled("SIGTERM"));
    }

    @Test
    void aStatusPhaseEngineReadsThePhase() {
        WorkflowHandle handle = new WorkflowHandle(NS, Fixtures.ARGO_PHASE.workflowName("a1"), Fixtures.ARGO_PHASE.scenario(), "a1");
        assertThat(adapter.applyOrAdopt(handle, Fixtures.ARGO_PHASE.render(NS, "a1"))).isEqualTo(ApplyResult.APPLIED);
        var argo = cluster.client().genericKubernetesResources(ChaosMeshKinds.ARGO_WORKFLOW).inNamespace(NS);
        GenericKubernetesResource wf = argo.withName(handle.name()).get();
        wf.setAdditionalProperty("status", Map.of("phase", "Failed", "message", "child failed",
                "nodes", Map.of("n1", Map.of("type", "Pod", "phase", "Failed", "displayName", "main"))));
        argo.resource(wf).updateStatus();

        WorkflowVerdict verdict = awaitVerdict(adapter, handle);

        assertThat(verdict.outcome()).isEqualTo(Outcome.TASK_FAILED);
        assertThat(verdict.decidingTask()).contains("main");
        assertThat(verdict.reason()).isEqualTo("status.phase is Failed: child failed");
    }

    private static List<String> names(TerminalSnapshot snapshot) {
        return snapshot.files().stream().map(BundleFile::name).toList();
    }

    private static String logOf(TerminalSnapshot snapshot, String container) {
        return names(snapshot).stream().filter(n -> n.startsWith("logs/") && n.endsWith("/" + container + ".log")).findFirst().orElseThrow();
    }

    private static String text(TerminalSnapshot snapshot, String name) {
        BundleFile file = snapshot.files().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
        try (var in = file.content().open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
