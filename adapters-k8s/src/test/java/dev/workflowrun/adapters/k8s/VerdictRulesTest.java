package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verdict rules one at a time, on the smallest status that shows each (invariant 8); the
 * conformance table holds them on whole stories, this holds each condition on its own edge.
 */
class VerdictRulesTest {

    private static ContainerStatus exited(String name, int code, String reason) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewTerminated().withExitCode(code).withReason(reason)
                .endTerminated().endState().build();
    }

    private static ContainerStatus waiting(String name, String reason, String message, boolean ranBefore, int restarts) {
        ContainerStatusBuilder b = new ContainerStatusBuilder().withName(name).withRestartCount(restarts)
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState();
        if (ranBefore) {
            b.withNewLastState().withNewTerminated().withExitCode(1).endTerminated().endLastState();
        }
        return b.build();
    }

    private static ContainerStatus running(String name) {
        return new ContainerStatusBuilder().withName(name).withNewState().withNewRunning().endRunning().endState().build();
    }

    private static Pod pod(String phase, List<ContainerStatus> statuses, PodCondition... conditions) {
        return new PodBuilder().withNewMetadata().withName("task-x7k2p").endMetadata()
                .withNewStatus().withPhase(phase).withContainerStatuses(statuses).withConditions(conditions).endStatus().build();
    }

    @Nested
    class HowATaskPodEnded {

        @Test
        void exitZeroEverywhereIsAPass() {
            assertThat(TaskPodExit.of(pod("Running", List.of(exited("main", 0, "Completed"), exited("side", 0, "Completed")))))
                    .isInstanceOf(TaskPodExit.Passed.class);
            assertThat(TaskPodExit.of(pod("Succeeded", List.of()))).isInstanceOf(TaskPodExit.Passed.class);
        }

        @Test
        void exitOneIsATaskFailureAndTwoIsTheImagesOwnInfraFailure() {
            assertThat(TaskPodExit.of(pod("Failed", List.of(exited("main", 1, "Error")))))
                    .isEqualTo(new TaskPodExit.Exited("main", 1, Optional.of("Error"), false));
            assertThat(TaskPodExit.of(pod("Failed", List.of(exited("main", 2, "Error")))))
                    .isEqualTo(new TaskPodExit.Exited("main", 2, Optional.of("Error"), true));
            assertThat(TaskPodExit.of(pod("Failed", List.of(exited("main", 3, " ")))))
                    .isEqualTo(new TaskPodExit.Exited("main", 3, Optional.empty(), false));
        }

        @Test
        void theRuntimesOwnEndingsAreInfraFailures() {
            assertThat(((TaskPodExit.Exited) TaskPodExit.of(pod("Failed", List.of(exited("main", 137, "Error"))))).infra()).isTrue();
            assertThat(((TaskPodExit.Exited) TaskPodExit.of(pod("Failed", List.of(exited("main", 128, "Error"))))).infra()).isTrue();
            assertThat(((TaskPodExit.Exited) TaskPodExit.of(pod("Failed", List.of(exited("main", 1, "OOMKilled"))))).infra()).isTrue();
            assertThat(((TaskPodExit.Exited) TaskPodExit.of(pod("Failed", List.of(exited("main", 1, "Evicted"))))).infra()).isTrue();
        }

        @Test
        void theFirstContainerThatExitedNonZeroIsTheOneNamed() {
            TaskPodExit exit = TaskPodExit.of(pod("Failed", List.of(exited("first", 0, "Completed"), running("second"), exited("third", 1, "Error"))));

            assertThat(exit).isEqualTo(new TaskPodExit.Exited("third", 1, Optional.of("Error"), false));
        }

        @Test
        void anExitSaysWhatItMeansForTheImagesContract() {
            assertThat(new TaskPodExit.Exited("main", 2, Optional.of("Error"), true).describe())
                    .isEqualTo("container main exited 2 (Error): the task's own infrastructure failure");
            assertThat(new TaskPodExit.Exited("main", 1, Optional.empty(), false).describe()).isEqualTo("container main exited 1: task failure");
            assertThat(new TaskPodExit.Exited("main", 137, Optional.of("OOMKilled"), true).describe())
                    .isEqualTo("container main exited 137 (OOMKilled)");
        }

        @Test
        void aFailedPodWithoutAnExitIsAPodFailureWithItsReason() {
            Pod evicted = new PodBuilder().withNewStatus().withPhase("Failed").withReason("Evicted").withMessage("low on memory").endStatus().build();
            Pod bare = new PodBuilder().withNewStatus().withPhase("Failed").withReason(" ").endStatus().build();

            assertThat(TaskPodExit.of(evicted)).isEqualTo(new TaskPodExit.PodFailed("Evicted", "low on memory"));
            assertThat(TaskPodExit.of(bare)).isEqualTo(new TaskPodExit.PodFailed("Failed", ""));
        }

        @Test
        void aContainerStillRunningIsNotFinished() {
            assertThat(TaskPodExit.of(pod("Running", List.of(exited("init", 0, "Completed"), running("main")))))
                    .isEqualTo(new TaskPodExit.NotFinished("Running"));
            assertThat(TaskPodExit.of(new PodBuilder().build())).isEqualTo(new TaskPodExit.NotFinished("Unknown"));
        }

        @Test
        void aContainerThatCannotStartNeverStarted() {
            assertThat(TaskPodExit.of(pod("Pending", List.of(waiting("main", "ImagePullBackOff", "manifest unknown", false, 0)))))
                    .isEqualTo(new TaskPodExit.NeverStarted("container main is waiting with ImagePullBackOff (manifest unknown)"));
            assertThat(TaskPodExit.of(pod("Pending", List.of(waiting("main", "ErrImagePull", " ", false, 0)))))
                    .isEqualTo(new TaskPodExit.NeverStarted("container main is waiting with ErrImagePull"));
        }

        @Test
        void aContainerThatRanBeforeOrWaitsForAnOrdinaryReasonHasNotNeverStarted() {
            assertThat(TaskPodExit.of(pod("Running", List.of(waiting("main", "CrashLoopBackOff", "back-off", true, 3)))))
                    .isEqualTo(new TaskPodExit.NotFinished("Running"));
            assertThat(TaskPodExit.of(pod("Pending", List.of(waiting("main", "ContainerCreating", "", false, 0)))))
                    .isEqualTo(new TaskPodExit.NotFinished("Pending"));
        }

        @Test
        void aPodNeverScheduledNeverStarted() {
            PodCondition unschedulable = new PodConditionBuilder().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                    .withMessage("0/3 nodes are available").build();
            PodCondition noReason = new PodConditionBuilder().withType("PodScheduled").withStatus("False").build();
            PodCondition scheduled = new PodConditionBuilder().withType("PodScheduled").withStatus("True").build();
            PodCondition otherFalse = new PodConditionBuilder().withType("Ready").withStatus("False").build();

            assertThat(TaskPodExit.of(pod("Pending", List.of(), unschedulable)))
                    .isEqualTo(new TaskPodExit.NeverStarted("the pod was never scheduled (Unschedulable: 0/3 nodes are available)"));
            assertThat(TaskPodExit.of(pod("Pending", List.of(), noReason)))
                    .isEqualTo(new TaskPodExit.NeverStarted("the pod was never scheduled (PodScheduled=False)"));
            assertThat(TaskPodExit.of(pod("Pending", List.of(), scheduled, otherFalse))).isEqualTo(new TaskPodExit.NotFinished("Pending"));
        }

        @Test
        void neverRanHoldsOnlyWhenNoContainerEverRan() {
            assertThat(TaskPodExit.neverRan(pod("Pending", List.of(waiting("main", "ImagePullBackOff", "", false, 0))))).isTrue();
            assertThat(TaskPodExit.neverRan(pod("Pending", List.of(waiting("main", "CrashLoopBackOff", "", true, 0))))).isFalse();
            assertThat(TaskPodExit.neverRan(pod("Running", List.of(waiting("main", "CrashLoopBackOff", "", false, 2))))).isFalse();
            assertThat(TaskPodExit.neverRan(pod("Running", List.of(running("main"))))).isFalse();
            assertThat(TaskPodExit.neverRan(pod("Pending", List.of(new ContainerStatusBuilder().withName("main").build())))).isFalse();
            assertThat(TaskPodExit.neverRan(new PodBuilder().build())).isTrue();
        }
    }

    @Nested
    class StatusPhaseEngines {

        private final StatusPhaseOutcomePolicy policy = new StatusPhaseOutcomePolicy();

        private GenericKubernetesResource workflow(String phase, String message, Map<String, Object> nodes) {
            GenericKubernetesResource w = new GenericKubernetesResource();
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("phase", phase);
            if (message != null) {
                status.put("message", message);
            }
            status.put("nodes", nodes);
            w.setAdditionalProperty("status", status);
            return w;
        }

        private Map<String, Object> node(String type, String phase, String name, String startedAt, String message, String exitCode) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("type", type);
            n.put("phase", phase);
            if (name != null) {
                n.put("displayName", name);
            }
            n.put("templateName", "tmpl-" + phase);
            n.put("startedAt", startedAt);
            if (message != null) {
                n.put("message", message);
            }
            if (exitCode != null) {
                n.put("outputs", Map.of("exitCode", exitCode));
            }
            return n;
        }

        private WorkflowVerdict judge(GenericKubernetesResource w) {
            return policy.verdict(new Evidence(w, List.of(), List.of()));
        }

        @Test
        void whatItIsAndWhatItReads() {
            assertThat(policy.name()).isEqualTo("status-phase");
            assertThat(policy.readsNodes()).isFalse();
            assertThat(policy.podLabel()).isEqualTo(Resources.ARGO_LABEL_WORKFLOW);
        }

        @Test
        void onlySucceededFailedAndErrorAreTerminal() {
            assertThat(policy.isTerminal(workflow("Succeeded", null, Map.of()), List.of())).isTrue();
            assertThat(policy.isTerminal(workflow("Failed", null, Map.of()), List.of())).isTrue();
            assertThat(policy.isTerminal(workflow("Error", null, Map.of()), List.of())).isTrue();
            assertThat(policy.isTerminal(workflow("Running", null, Map.of()), List.of())).isFalse();
            assertThat(policy.isTerminal(workflow("", null, Map.of()), List.of())).isFalse();
        }

        @Test
        void theDecidingStepIsTheFirstFailedPodByStartTime() {
            Map<String, Object> nodes = new LinkedHashMap<>();
            nodes.put("a", node("Pod", "Failed", "late", "2026-01-01T00:10:00Z", "exit 1", "1"));
            nodes.put("b", node("Pod", "Failed", "early", "2026-01-01T00:05:00Z", "boom", "1"));
            nodes.put("c", node("Pod", "Succeeded", "earliest", "2026-01-01T00:00:00Z", null, "0"));
            nodes.put("d", node("Steps", "Failed", "group", "2026-01-01T00:00:00Z", null, null));

            WorkflowVerdict v = judge(workflow("Failed", "child failed", nodes));

            assertThat(v.outcome()).isEqualTo(Outcome.TASK_FAILED);
            assertThat(v.decidingTask()).contains("early");
            assertThat(v.reason()).isEqualTo("status.phase is Failed: child failed; step early: boom");
        }

        @Test
        void aStepWithoutADisplayNameIsNamedByItsTemplate() {
            WorkflowVerdict v = judge(workflow("Failed", "m", Map.of("a", node("Pod", "Failed", null, "t", null, "1"))));

            assertThat(v.decidingTask()).contains("tmpl-Failed");
            assertThat(v.reason()).isEqualTo("status.phase is Failed: m");
        }

        @Test
        void aStepMessageEqualToTheWorkflowsIsNotRepeated() {
            WorkflowVerdict v = judge(workflow("Failed", "same", Map.of("a", node("Pod", "Failed", "s", "t", "same", "1"))));

            assertThat(v.reason()).isEqualTo("status.phase is Failed: same");
        }

        @Test
        void exitTwoOrAnErroredStepIsAnInfraFailure() {
            assertThat(judge(workflow("Failed", "m", Map.of("a", node("Pod", "Failed", "s", "t", null, "2")))).outcome())
                    .isEqualTo(Outcome.INFRA_FAILED);
            assertThat(judge(workflow("Failed", "m", Map.of("a", node("Pod", "Error", "s", "t", null, "1")))).outcome())
                    .isEqualTo(Outcome.INFRA_FAILED);
            assertThat(judge(workflow("Failed", "m", Map.of("a", node("Pod", "Failed", "s", "t", null, "1")))).outcome())
                    .isEqualTo(Outcome.TASK_FAILED);
        }

        @Test
        void aShutdownIsAnInterruptionAndADeadlineATimeout() {
            assertThat(judge(workflow("Failed", "Stopped with strategy 'Terminate'", Map.of())).outcome()).isEqualTo(Outcome.INTERRUPTED);
            assertThat(judge(workflow("Failed", "x", Map.of("a", node("Pod", "Failed", "s", "t", "pod was shutdown with strategy: Stop", "1"))))
                    .outcome()).isEqualTo(Outcome.INTERRUPTED);
            assertThat(judge(workflow("Failed", "Step exceeded its deadline", Map.of())).outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(judge(workflow("Failed", "x", Map.of("a", node("Pod", "Failed", "s", "t", "Max duration limit exceeded", "1"))))
                    .outcome()).isEqualTo(Outcome.TIMED_OUT);
        }

        @Test
        void aPassNamesNoTaskAndAnErrorIsAnInfraFailure() {
            WorkflowVerdict passed = judge(workflow("Succeeded", null, Map.of("a", node("Pod", "Succeeded", "s", "t", null, "0"))));
            WorkflowVerdict error = judge(workflow("Error", "controller lost the pod", Map.of()));

            assertThat(passed.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(passed.decidingTask()).isEmpty();
            assertThat(passed.reason()).isEqualTo("status.phase is Succeeded");
            assertThat(error.outcome()).isEqualTo(Outcome.INFRA_FAILED);
        }

        @Test
        void progressCountsFinishedNodes() {
            Map<String, Object> nodes = new LinkedHashMap<>();
            nodes.put("a", node("Pod", "Succeeded", "s", "t", null, null));
            nodes.put("b", node("Pod", "Skipped", "s", "t", null, null));
            nodes.put("c", node("Pod", "Running", "s", "t", null, null));
            nodes.put("d", node("Pod", "Omitted", "s", "t", null, null));

            assertThat(policy.progress(workflow("Running", null, nodes), List.of())).isEqualTo(new Progress(3, 4, Optional.empty()));
        }
    }

    @Nested
    class ChaosMeshBasics {

        private final ChaosMeshOutcomePolicy policy = new ChaosMeshOutcomePolicy();

        @Test
        void whatItIsAndWhatItReads() {
            assertThat(policy.name()).isEqualTo("chaos-mesh");
            assertThat(policy.readsNodes()).isTrue();
            assertThat(policy.podLabel()).isEqualTo(Resources.LABEL_WORKFLOW);
        }

        @Test
        void eventsAreReadOnlyWhenAChaosStepRan() {
            ControllerStatuses tasks = ConformanceTableTest.releaseTest();
            tasks.node("keygen-admin", 0).running();
            ControllerStatuses chaos = ControllerStatuses.chaosMesh("chaos-n1")
                    .template("main", "Serial", "10m", "kill-pod")
                    .template("kill-pod", "PodChaos", "1m");
            chaos.node("kill-pod", 0).running();

            assertThat(policy.needsEvents(tasks.evidence().nodes())).isFalse();
            assertThat(policy.needsEvents(chaos.evidence().nodes())).isTrue();
        }

        @Test
        void terminalWhenTheWorkflowOrItsEntryIsFinishedAndNotBefore() {
            ControllerStatuses running = ConformanceTableTest.releaseTest();
            running.node("release-test", 0).running();
            running.node("keygen-admin", 0).running();
            ControllerStatuses entryDone = ConformanceTableTest.releaseTest();
            entryDone.node("release-test", 0).accomplished();
            ControllerStatuses over = ConformanceTableTest.releaseTest().workflowOver(true, 5);

            Evidence r = running.evidence();
            Evidence e = entryDone.evidence();
            Evidence o = over.evidence();
            assertThat(policy.isTerminal(r.workflow(), r.nodes())).isFalse();
            assertThat(policy.isTerminal(e.workflow(), e.nodes())).isTrue();
            assertThat(policy.isTerminal(o.workflow(), o.nodes())).isTrue();
        }

        @Test
        void progressCountsFinishedNodesAndNamesTheRunningTask() {
            ControllerStatuses s = ConformanceTableTest.releaseTest();
            s.node("release-test", 0).running();
            s.node("keygen-admin", 0).accomplished();
            s.node("provision-validator-chain", 1).running();
            Evidence e = s.evidence();

            assertThat(policy.progress(e.workflow(), e.nodes())).isEqualTo(new Progress(1, 5, Optional.of("provision-validator-chain")));
        }
    }
}
