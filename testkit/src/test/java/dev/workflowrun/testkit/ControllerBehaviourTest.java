package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** One behaviour of the real controller per test, each naming the file (and function) it follows. */
class ControllerBehaviourTest {

    private static final String NS = "behaviour";
    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private String apply(ConformanceStories.Story story, String runId) {
        cluster.client().resource(story.manifest(NS, runId)).inNamespace(NS).create();
        return story.workflowName(runId);
    }

    private GenericKubernetesResource workflow(String name) {
        return cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS).withName(name).get();
    }

    private List<GenericKubernetesResource> nodes(String workflow) {
        return cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(NS)
                .withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems();
    }

    private Optional<GenericKubernetesResource> node(String workflow, String template) {
        return nodes(workflow).stream().filter(n -> template.equals(spec(n).get("templateName"))).findFirst();
    }

    private List<Pod> pods(String workflow) {
        return cluster.client().pods().inNamespace(NS).withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().getOrDefault("spec", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().getOrDefault("status", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.getOrDefault(key, List.of());
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(end);
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
    }

    private static void annotateAbort(MockCluster cluster, String wf, boolean abort) {
        cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS).withName(wf).edit(w -> {
            Map<String, String> a = new LinkedHashMap<>(Optional.ofNullable(w.getMetadata().getAnnotations()).orElse(Map.of()));
            if (abort) {
                a.put(ChaosMeshKinds.ANNOTATION_ABORT, "true");
            } else {
                a.remove(ChaosMeshKinds.ANNOTATION_ABORT);
            }
            w.getMetadata().setAnnotations(a);
            return w;
        });
    }

    @Test
    @DisplayName("conditions are {type, status, reason}, children {name}, the Workflow's status entryNode/startTime/endTime/conditions (workflownode_types.go, workflow_entry_reconciler.go)")
    void statusesHoldOnlyWhatTheApiServerKeeps() {
        ConformanceStories.Story story = ConformanceStories.byName("passing-long-run");
        try (SimulatedChaosMesh sim = story.simulator(cluster).start()) {
            String wf = apply(story, "f1");
            assertThat(story.awaitSettled(cluster.client(), sim, NS, wf, Duration.ofSeconds(20))).isEmpty();
            for (GenericKubernetesResource n : nodes(wf)) {
                list(status(n), "conditions").forEach(c -> assertThat(c.keySet()).containsExactlyInAnyOrder("type", "status", "reason"));
                list(status(n), "finishedChildren").forEach(c -> assertThat(c.keySet()).containsExactly("name"));
                assertThat(status(n)).doesNotContainKey("activeChildren");
            }
            Map<String, Object> wfStatus = status(workflow(wf));
            assertThat(wfStatus.keySet()).containsExactlyInAnyOrder("entryNode", "startTime", "endTime", "conditions");
            assertThat(list(wfStatus, "conditions")).containsExactlyInAnyOrder(
                    Map.of("type", "Scheduled", "status", "True", "reason", ""),
                    Map.of("type", "Accomplished", "status", "True", "reason", ""));
        }
    }

    @Test
    @DisplayName("while running: Accomplished=False on the Serial, DeadlineExceed=False/NodeDeadlineNotExceed, Aborted=False on the entry (serial_node_reconciler.go, deadline_reconciler.go, abort_workflow_reconciler.go)")
    void falseConditionsWhileRunning() {
        ConformanceStories.Story story = ConformanceStories.byName("passing-long-run");
        try (SimulatedChaosMesh sim = SimulatedChaosMesh.builder(cluster).speed(60).defaultScript(TaskScript.passes(Duration.ofHours(1))).start()) {
            String wf = apply(story, "f2");
            eventually("the first Task to run", () -> node(wf, "provision").map(n -> ConformanceStories.conditionsOf(n).size() == 1).orElse(false)
                    && node(wf, "main").map(n -> ConformanceStories.conditionsOf(n).size() == 3).orElse(false));
            assertThat(ConformanceStories.conditionsOf(node(wf, "main").orElseThrow()))
                    .containsExactlyInAnyOrder("Accomplished=False/", "DeadlineExceed=False/NodeDeadlineNotExceed", "Aborted=False/");
            // task_reconciler.go writes Accomplished only once pods[0] completed.
            assertThat(ConformanceStories.conditionsOf(node(wf, "provision").orElseThrow()))
                    .containsExactly("DeadlineExceed=False/NodeDeadlineNotExceed");
            assertThat(list(status(workflow(wf)), "conditions")).contains(Map.of("type", "Accomplished", "status", "False", "reason", ""));
            assertThat(status(workflow(wf))).doesNotContainKey("endTime");
        }
    }

    @Test
    @DisplayName("removing the abort annotation sets the entry's Aborted=False and undoes the Workflow's Accomplished and endTime (abort_workflow_reconciler.go, workflow_entry_reconciler.go)")
    void removingTheAbortAnnotationUndoesTheWorkflowsEnd() {
        ConformanceStories.Story story = ConformanceStories.byName("passing-long-run");
        try (SimulatedChaosMesh sim = SimulatedChaosMesh.builder(cluster).speed(60).defaultScript(TaskScript.passes(Duration.ofHours(1))).start()) {
            String wf = apply(story, "f3");
            eventually("a pod", () -> !pods(wf).isEmpty());
            annotateAbort(cluster, wf, true);
            eventually("the Workflow to be over", () -> list(status(workflow(wf)), "conditions")
                    .contains(Map.of("type", "Accomplished", "status", "True", "reason", "")) && status(workflow(wf)).containsKey("endTime"));
            eventually("the child to be aborted", () -> ConformanceStories.conditionsOf(node(wf, "provision").orElseThrow())
                    .contains("Aborted=True/ParentNodeAborted"));
            annotateAbort(cluster, wf, false);
            eventually("the Workflow to run again", () -> list(status(workflow(wf)), "conditions")
                    .contains(Map.of("type", "Accomplished", "status", "False", "reason", "")) && !status(workflow(wf)).containsKey("endTime"));
            assertThat(ConformanceStories.conditionsOf(node(wf, "main").orElseThrow())).contains("Aborted=False/");
            // The aborted child keeps Aborted=True/ParentNodeAborted (nothing undoes it), so it stays finished: the Serial,
            // unfinished again, may move on to its next child (serial_node_reconciler.go). The aborted Task's pod ran on all along.
            assertThat(pods(wf)).filteredOn(p -> p.getMetadata().getLabels().get(ChaosMeshKinds.LABEL_CONTROLLED_BY).startsWith("provision-"))
                    .singleElement().satisfies(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Running"));
            assertThat(ConformanceStories.conditionsOf(node(wf, "provision").orElseThrow())).contains("Aborted=True/ParentNodeAborted");
        }
    }

    @Test
    @DisplayName("ownerReferences, labels, finalizers and absolute deadlines (new_node.go renderNodesByTemplates, task_reconciler.go SpawnTaskPod)")
    void ownershipLabelsFinalizersAndDeadlines() {
        ConformanceStories.Story story = ConformanceStories.byName("passing-long-run");
        try (SimulatedChaosMesh sim = SimulatedChaosMesh.builder(cluster).speed(60).defaultScript(TaskScript.passes(Duration.ofHours(1))).start()) {
            String wf = apply(story, "f4");
            eventually("a pod", () -> !pods(wf).isEmpty());
            GenericKubernetesResource workflow = workflow(wf);
            GenericKubernetesResource entry = node(wf, "main").orElseThrow();
            GenericKubernetesResource task = node(wf, "provision").orElseThrow();
            Pod pod = pods(wf).get(0);
            assertThat(workflow.getMetadata().getFinalizers()).isEmpty();
            assertOwned(entry.getMetadata().getOwnerReferences(), "Workflow", workflow.getMetadata().getUid());
            assertOwned(task.getMetadata().getOwnerReferences(), "WorkflowNode", entry.getMetadata().getUid());
            assertOwned(pod.getMetadata().getOwnerReferences(), "WorkflowNode", task.getMetadata().getUid());
            for (var meta : List.of(entry.getMetadata(), task.getMetadata(), pod.getMetadata())) {
                assertThat(meta.getFinalizers()).containsExactly("foregroundDeletion");
                assertThat(meta.getLabels()).containsEntry(ChaosMeshKinds.LABEL_WORKFLOW, wf);
            }
            assertThat(entry.getMetadata().getLabels()).containsEntry(ChaosMeshKinds.LABEL_CONTROLLED_BY, wf);
            assertThat(task.getMetadata().getLabels()).containsEntry(ChaosMeshKinds.LABEL_CONTROLLED_BY, entry.getMetadata().getName());
            assertThat(pod.getMetadata().getLabels()).containsEntry(ChaosMeshKinds.LABEL_CONTROLLED_BY, task.getMetadata().getName());
            assertThat(pod.getMetadata().getGenerateName()).isEqualTo(task.getMetadata().getName() + "-");
            Instant start = Instant.parse(String.valueOf(spec(task).get("startTime")));
            Instant deadline = Instant.parse(String.valueOf(spec(task).get("deadline")));
            assertThat(Duration.between(start, deadline)).isBetween(Duration.ofMinutes(5).minusSeconds(1), Duration.ofMinutes(5));
            assertThat(deadline.getNano()).isZero();
        }
    }

    private static void assertOwned(List<OwnerReference> refs, String kind, String uid) {
        assertThat(refs).singleElement().satisfies(r -> {
            assertThat(r.getKind()).isEqualTo(kind);
            assertThat(r.getUid()).isEqualTo(uid);
            assertThat(r.getController()).isTrue();
            assertThat(r.getBlockOwnerDeletion()).isTrue();
        });
    }

    @Test
    @DisplayName("a chaos object that cannot be created: ChaosInjected=False/ChaosCRNotExists, still ended by the deadline only (chaos_node_reconciler.go)")
    void chaosThatCannotBeInjected() {
        ConformanceStories.Story story = ConformanceStories.byName("chaos-step");
        try (SimulatedChaosMesh sim = story.simulator(cluster).chaosFails("delay-network").start()) {
            String wf = apply(story, "f5");
            eventually("the chaos node's deadline", () -> node(wf, "delay-network")
                    .map(n -> ConformanceStories.conditionsOf(n).equals(Set.of("ChaosInjected=False/ChaosCRNotExists", "DeadlineExceed=True/NodeDeadlineExceed")))
                    .orElse(false));
        }
    }

    @Test
    @DisplayName("an evicted pod (Failed, reason Evicted) and a StartError (exit 128) still Accomplish their Task (task_reconciler.go)")
    void evictionAndStartErrorAccomplishTheTask() {
        ConformanceStories.Story story = ConformanceStories.byName("late-task-failure");
        try (SimulatedChaosMesh sim = SimulatedChaosMesh.builder(cluster).speed(3600)
                .script("provision", TaskScript.evicted(Duration.ofMinutes(1))).script("run-test", TaskScript.startError()).start()) {
            String wf = apply(story, "f6");
            eventually("both Tasks to be Accomplished", () -> nodes(wf).size() == 3
                    && nodes(wf).stream().allMatch(n -> ConformanceStories.conditionsOf(n).contains("Accomplished=True/")));
            Pod evicted = pods(wf).stream().filter(p -> p.getMetadata().getName().startsWith("provision-")).findFirst().orElseThrow();
            assertThat(evicted.getStatus().getPhase()).isEqualTo("Failed");
            assertThat(evicted.getStatus().getReason()).isEqualTo("Evicted");
            assertThat(evicted.getStatus().getContainerStatuses().get(0).getState().getTerminated()).isNull();
            Pod startError = pods(wf).stream().filter(p -> p.getMetadata().getName().startsWith("run-test-")).findFirst().orElseThrow();
            assertThat(startError.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(128);
            assertThat(startError.getStatus().getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("StartError");
        }
    }

    @Test
    @DisplayName("a Foreground delete of the Workflow lasts the grace period of a /bin/sh -c Task (scaled), then nothing is left and no pod was re-created (gc processDeletingDependentsItem, kubelet)")
    void foregroundDeleteWaitsOutTheShellTasksGracePeriod() {
        ConformanceStories.Story story = ConformanceStories.byName("passing-long-run");
        try (SimulatedChaosMesh sim = SimulatedChaosMesh.builder(cluster).speed(30).defaultScript(TaskScript.passes(Duration.ofHours(1))).start()) {
            String wf = apply(story, "f7");
            eventually("the pod to run", () -> pods(wf).stream().anyMatch(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())));
            long t0 = System.nanoTime();
            cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(NS).withName(wf)
                    .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            assertThat(workflow(wf).getMetadata().getDeletionTimestamp()).isNotNull();
            eventually("everything to be gone", () -> workflow(wf) == null && nodes(wf).isEmpty() && pods(wf).isEmpty());
            // 30 simulated seconds at speed 30: about one real second.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(700));
            assertThat(sim.podsCreated(NS, wf, "provision")).isEqualTo(1);
        }
    }
}
