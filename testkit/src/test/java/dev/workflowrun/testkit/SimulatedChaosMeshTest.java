package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedChaosMeshTest {

    private static final String NS = "sim";
    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void apply(Fixtures fixture, String runId) {
        cluster.client().resource(fixture.render(NS, runId)).inNamespace(NS).create();
    }

    private List<GenericKubernetesResource> nodes(String workflow) {
        return cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(NS)
                .withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems();
    }

    private List<Pod> pods(String workflow) {
        return cluster.client().pods().inNamespace(NS).withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> conditions(GenericKubernetesResource r) {
        Map<String, Object> status = (Map<String, Object>) r.getAdditionalProperties().getOrDefault("status", Map.of());
        return (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
    }

    private static boolean has(GenericKubernetesResource r, String type) {
        return conditions(r).stream().anyMatch(c -> type.equals(c.get("type")) && "True".equals(c.get("status")));
    }

    @Test
    void aSerialWorkflowRunsEveryChildAndIsAccomplishedEvenWhenATaskFails() {
        try (SimulatedChaosMesh sim = SimulatedChaosMesh.builder(cluster).speed(6000)
                .script("run-test", TaskScript.exits(1, Duration.ofMinutes(10)).withLogs("check 1 ok", "check 2 FAILED"))
                .start()) {
            apply(Fixtures.SMOKE_SERIAL, "r1");
            String wf = Fixtures.SMOKE_SERIAL.workflowName("r1");

            SimulatedChaosMesh.Terminal terminal = sim.awaitTerminal(NS, wf, Duration.ofSeconds(20)).orElseThrow();

            assertThat(terminal.how()).isEqualTo("Accomplished");
            GenericKubernetesResource workflow = cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW)
                    .inNamespace(NS).withName(wf).get();
            assertThat(has(workflow, "Accomplished")).isTrue();
            List<GenericKubernetesResource> nodes = nodes(wf);
            assertThat(nodes).hasSize(4).allMatch(n -> has(n, "Accomplished"));
            List<Pod> pods = pods(wf);
            assertThat(pods).hasSize(3);
            Map<String, Integer> exitCodes = pods.stream().collect(Collectors.toMap(
                    p -> p.getSpec().getContainers().get(0).getName(),
                    p -> p.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()));
            assertThat(exitCodes).containsExactlyInAnyOrderEntriesOf(Map.of("prepare", 0, "run-test", 1, "upload-report", 0));
            Pod runTest = pods.stream().filter(p -> p.getMetadata().getGenerateName().startsWith("run-test-")).findFirst().orElseThrow();
            assertThat(runTest.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getKind()).isEqualTo("WorkflowNode"));
            assertThat(runTest.getStatus().getPhase()).isEqualTo("Failed");
            assertThat(cluster.client().pods().inNamespace(NS).withName(runTest.getMetadata().getName()).tailingLines(1).getLog())
                    .isEqualTo("check 2 FAILED\n");
            GenericKubernetesResource entry = nodes.stream()
                    .filter(n -> n.getMetadata().getOwnerReferences().get(0).getKind().equals("Workflow")).findFirst().orElseThrow();
            assertThat(entry.getMetadata().getName()).startsWith("smoke-");
        }
    }

    @Test
    void aTaskThatNeverStartsRunsIntoItsDeadline() {
        try (SimulatedChaosMesh sim = SimulatedChaosMesh.builder(cluster).speed(6000)
                .script("prepare", TaskScript.neverStarts("CreateContainerConfigError"))
                .start()) {
            apply(Fixtures.SMOKE_SERIAL, "r2");
            String wf = Fixtures.SMOKE_SERIAL.workflowName("r2");

            assertThat(sim.awaitTerminal(NS, wf, Duration.ofSeconds(20))).get()
                    .extracting(SimulatedChaosMesh.Terminal::how).isEqualTo("Accomplished");
            Pod prepare = pods(wf).stream().filter(p -> p.getMetadata().getGenerateName().startsWith("prepare-")).findFirst().orElseThrow();
            assertThat(prepare.getStatus().getPhase()).isEqualTo("Pending");
            assertThat(prepare.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                    .isEqualTo("CreateContainerConfigError");
            assertThat(nodes(wf)).filteredOn(n -> n.getMetadata().getName().startsWith("prepare-"))
                    .singleElement().matches(n -> has(n, "DeadlineExceed"));
        }
    }

    @Test
    void theEntryDeadlineMarksTheEntryNodeAndTheAbortAnnotationAbortsTheRest() {
        try (SimulatedChaosMesh sim = SimulatedChaosMesh.builder(cluster).speed(6000)
                .script("run-test", TaskScript.passes(Duration.ofHours(2)))
                .start()) {
            apply(Fixtures.SMOKE_SERIAL, "r3");
            String wf = Fixtures.SMOKE_SERIAL.workflowName("r3");
            // run-test's own 30m deadline comes first; the entry's 60m is never reached.
            assertThat(sim.awaitTerminal(NS, wf, Duration.ofSeconds(20))).get()
                    .extracting(SimulatedChaosMesh.Terminal::how).isEqualTo("Accomplished");
        }
        try (SimulatedChaosMesh sim = SimulatedChaosMesh.builder(cluster).speed(6000)
                .script("prepare", TaskScript.passes(Duration.ofHours(10)))
                .start()) {
            String yaml = Fixtures.SMOKE_SERIAL.render(NS, "r4").replace("deadline: 5m", "deadline: 90m");
            cluster.client().resource(yaml).inNamespace(NS).create();
            String wf = Fixtures.SMOKE_SERIAL.workflowName("r4");
            assertThat(sim.awaitTerminal(NS, wf, Duration.ofSeconds(30))).get()
                    .extracting(SimulatedChaosMesh.Terminal::how).isEqualTo("DeadlineExceed");
            assertThat(nodes(wf)).allMatch(n -> has(n, "DeadlineExceed"));
        }
        try (SimulatedChaosMesh sim = SimulatedChaosMesh.builder(cluster).speed(6)
                .script("prepare", TaskScript.passes(Duration.ofHours(10)))
                .start()) {
            apply(Fixtures.SMOKE_SERIAL, "r5");
            String wf = Fixtures.SMOKE_SERIAL.workflowName("r5");
            var workflows = cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS);
            awaitPods(wf, 1);
            workflows.withName(wf).edit(w -> {
                w.getMetadata().getAnnotations().put(ChaosMeshKinds.ANNOTATION_ABORT, "true");
                return w;
            });
            assertThat(sim.awaitTerminal(NS, wf, Duration.ofSeconds(20))).get()
                    .extracting(SimulatedChaosMesh.Terminal::how).isEqualTo("Aborted");
            // abort_node_reconciler.go: the entry's active child is aborted after the entry, asynchronously.
            long end = System.nanoTime() + 10_000_000_000L;
            while (!nodes(wf).stream().allMatch(n -> has(n, "Aborted")) && System.nanoTime() < end) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
            assertThat(nodes(wf)).hasSize(2).allMatch(n -> has(n, "Aborted"));
        }
    }

    @Test
    void parallelChildrenRunAtOnce() {
        try (SimulatedChaosMesh sim = SimulatedChaosMesh.builder(cluster).speed(6000).start()) {
            apply(Fixtures.SMOKE_PARALLEL, "p1");
            String wf = Fixtures.SMOKE_PARALLEL.workflowName("p1");
            assertThat(sim.awaitTerminal(NS, wf, Duration.ofSeconds(20))).isPresent();
            assertThat(nodes(wf)).hasSize(6).allMatch(n -> has(n, "Accomplished"));
            assertThat(pods(wf)).hasSize(4);
        }
    }

    private void awaitPods(String wf, int n) {
        cluster.client().pods().inNamespace(NS).withLabel(ChaosMeshKinds.LABEL_WORKFLOW, wf)
                .informOnCondition(pods -> pods.size() >= n).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
    }
}
