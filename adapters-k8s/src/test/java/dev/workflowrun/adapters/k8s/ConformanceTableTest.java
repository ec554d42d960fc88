package dev.workflowrun.adapters.k8s;

import dev.workflowrun.adapters.k8s.ControllerStatuses.PodState;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance table: statuses as the real controller's code leaves them, each case naming the
 * source it follows (files of {@code chaos-mesh/chaos-mesh} under {@code pkg/workflow/controllers/},
 * lines at commit 608b61e; Argo files of {@code argoproj/argo-workflows}). Every case is judged
 * twice: through the policy, on the objects, and through {@code judge}, on the files kubectl would
 * print; both must give the expected outcome and deciding task.
 */
class ConformanceTableTest {

    record Case(String name, String source, Supplier<ControllerStatuses> story, Outcome outcome, Optional<String> task, String reasonSays) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String OMITTED = ChaosMeshOutcomePolicy.NODE_DEADLINE_OMITTED;
    static final String EXCEED = ChaosMeshOutcomePolicy.NODE_DEADLINE_EXCEED;
    static final String PARENT = ChaosMeshOutcomePolicy.PARENT_NODE_DEADLINE_EXCEED;

    /** release-test's shape: a 60m Serial of five Tasks with their own deadlines. */
    static ControllerStatuses releaseTest() {
        return ControllerStatuses.chaosMesh("release-test-n1130")
                .template("release-test", "Serial", "60m", "keygen-admin", "provision-validator-chain", "run-release-test", "upload-report")
                .template("keygen-admin", "Task", "2m")
                .template("provision-validator-chain", "Task", "15m")
                .template("run-release-test", "Task", "30m")
                .template("upload-report", "Task", "5m");
    }

    /** load-test's shape: a Serial whose chaos step was injected and ended, as chaos steps do, by its deadline; a passing run. */
    static ControllerStatuses chaosInjectedThenEndedByItsDeadline() {
        ControllerStatuses s = loadTestWhoseChaosStepEndedByItsDeadline();
        s.event("kill-rpc", "Normal", "ChaosCRCreated", "chaos CR kill-rpc-8k2m4 created");
        return s.workflowOver(true, 40);
    }

    /** load-test's tree as it ends: the chaos step ended by its deadline, every Task passed; what its events say is the caller's. */
    private static ControllerStatuses loadTestWhoseChaosStepEndedByItsDeadline() {
        ControllerStatuses s = ControllerStatuses.chaosMesh("load-test-n1130")
                .template("load-test", "Serial", "90m", "warm-up", "kill-rpc", "run-load")
                .template("warm-up", "Task", "5m")
                .template("kill-rpc", "PodChaos", "10m")
                .template("run-load", "Task", "30m");
        s.node("warm-up", 0).accomplished().deadline(OMITTED).pod("p1", PodState.exited(0, "Completed", 0, 2));
        s.node("kill-rpc", 2).condition("ChaosInjected", "False", "ChaosCRNotExists").deadline(EXCEED);
        s.node("run-load", 12).accomplished().pod("p2", PodState.exited(0, "Completed", 12, 40));
        s.node("load-test", 0).accomplished();
        return s;
    }

    /** Tasks that passed long before the run ended: Accomplished, then NodeDeadlineOmitted when their deadline came. */
    static ControllerStatuses passedUpTo(ControllerStatuses s, String... templates) {
        int minute = 0;
        int[] lengths = {1, 9, 20, 2};
        for (int i = 0; i < templates.length; i++) {
            int end = minute + lengths[i];
            s.node(templates[i], minute).accomplished().deadline(OMITTED).pod("x7k2p", PodState.exited(0, "Completed", minute, end));
            minute = end;
        }
        return s;
    }

    static List<Case> cases() {
        return List.of(
                new Case("passing long run, every Task's deadline omitted after it finished",
                        "deadline_reconciler.go:84 (NodeDeadlineOmitted when already Accomplished); workflow_entry_reconciler.go:156",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain", "run-release-test", "upload-report");
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 32);
                        }, Outcome.PASSED, Optional.empty(), "NodeDeadlineOmitted"),
                new Case("run adopted long after it ended: the entry's deadline omitted too",
                        "deadline_reconciler.go:84 on every node, the entry included",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain", "run-release-test", "upload-report");
                            s.node("release-test", 0).accomplished().deadline(OMITTED);
                            return s.workflowOver(true, 32);
                        }, Outcome.PASSED, Optional.empty(), "not a time-out"),
                new Case("Workflow status lagging: the entry is Accomplished, the Workflow not yet",
                        "utils.go:69 WorkflowNodeFinished; workflow_entry_reconciler.go:156 writes Accomplished on a later reconcile",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain", "run-release-test", "upload-report");
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(false, 0);
                        }, Outcome.PASSED, Optional.empty(), "exited 0"),
                new Case("late task failure (exit 1) behind omitted deadlines",
                        "task_reconciler.go:122,281 (Accomplished whatever the exit code); serial_node_reconciler.go:130 (no fail-fast)",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain");
                            s.node("run-release-test", 10).accomplished().deadline(OMITTED).pod("q2w9z", PodState.exited(1, "Error", 10, 28));
                            s.node("upload-report", 28).accomplished().deadline(OMITTED).pod("m4n5b", PodState.exited(0, "Completed", 28, 29));
                            s.node("release-test", 0).accomplished().deadline(OMITTED);
                            return s.workflowOver(true, 29);
                        }, Outcome.TASK_FAILED, Optional.of("run-release-test"), "exited 1"),
                new Case("late exit 2 (the images' infrastructure failure) behind omitted deadlines",
                        "task_reconciler.go:122; the task images' exit-code contract",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain", "run-release-test");
                            s.node("upload-report", 30).accomplished().deadline(OMITTED).pod("m4n5b", PodState.exited(2, "Error", 30, 31));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 31);
                        }, Outcome.INFRA_FAILED, Optional.of("upload-report"), "exited 2"),
                new Case("entry deadline while a Task runs",
                        "deadline_reconciler.go:86 (entry NodeDeadlineExceed), :151,183 (ParentNodeDeadlineExceed on the active child)",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain");
                            s.node("run-release-test", 10).running().deadline(PARENT).pod("q2w9z", PodState.running(10));
                            s.node("release-test", 0).running().deadline(EXCEED);
                            return s.workflowOver(true, 60);
                        }, Outcome.TIMED_OUT, Optional.of("run-release-test"), "passed while Task run-release-test"),
                new Case("entry deadline before it reached the running Task (propagation is asynchronous)",
                        "deadline_reconciler.go:151 propagates on a later reconcile; workflow_entry_reconciler.go:156 already wrote Accomplished",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain");
                            s.node("run-release-test", 10).running().pod("q2w9z", PodState.running(10));
                            s.node("release-test", 0).running().deadline(EXCEED);
                            return s.workflowOver(true, 60);
                        }, Outcome.TIMED_OUT, Optional.of("run-release-test"), "it was still unfinished"),
                new Case("a Task's own deadline, then the Serial moves on and the rest passes",
                        "deadline_reconciler.go:86; serial_node_reconciler.go:182 (a child finished by any condition counts)",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin");
                            s.node("provision-validator-chain", 1).running().deadline(EXCEED).pod("h8j3k", PodState.running(1));
                            s.node("run-release-test", 16).accomplished().deadline(OMITTED).pod("q2w9z", PodState.exited(0, "Completed", 16, 30));
                            s.node("upload-report", 30).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 30, 31));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 31);
                        }, Outcome.TIMED_OUT, Optional.of("provision-validator-chain"), "still running at its own deadline"),
                new Case("a Task's pod that exited 0 only after its own deadline",
                        "task_reconciler.go:281 (Accomplished later, after DeadlineExceed=True/NodeDeadlineExceed stays)",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin");
                            s.node("provision-validator-chain", 1).accomplished().deadline(EXCEED).pod("h8j3k", PodState.exited(0, "Completed", 1, 19));
                            s.node("run-release-test", 16).accomplished().deadline(OMITTED).pod("q2w9z", PodState.exited(0, "Completed", 16, 30));
                            s.node("upload-report", 30).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 30, 31));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 31);
                        }, Outcome.TIMED_OUT, Optional.of("provision-validator-chain"), "later exited 0"),
                new Case("image pull failing until the Task's deadline",
                        "deadline_reconciler.go:86; task_reconciler.go:122 (a Pending pod never makes the node Accomplished)",
                        () -> {
                            ControllerStatuses s = releaseTest();
                            s.node("keygen-admin", 0).running().deadline(EXCEED).pod("x7k2p", PodState.waiting("ImagePullBackOff",
                                    "Back-off pulling image \"registry.example/task:4f1c2a9\""));
                            s.node("provision-validator-chain", 2).accomplished().deadline(OMITTED).pod("h8j3k", PodState.exited(0, "Completed", 2, 10));
                            s.node("run-release-test", 10).accomplished().pod("q2w9z", PodState.exited(0, "Completed", 10, 20));
                            s.node("upload-report", 20).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 20, 21));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 21);
                        }, Outcome.INFRA_FAILED, Optional.of("keygen-admin"), "ImagePullBackOff"),
                new Case("a missing per-run ConfigMap until the entry's deadline",
                        "deadline_reconciler.go:183 (ParentNodeDeadlineExceed); the kubelet's CreateContainerConfigError",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain");
                            s.node("run-release-test", 10).running().deadline(PARENT).pod("q2w9z", PodState.waiting("CreateContainerConfigError",
                                    "configmap \"workflow-vars-n1130\" not found"));
                            s.node("release-test", 0).running().deadline(EXCEED);
                            return s.workflowOver(true, 60);
                        }, Outcome.INFRA_FAILED, Optional.of("run-release-test"), "CreateContainerConfigError"),
                new Case("a pod that was never scheduled",
                        "deadline_reconciler.go:86; task_reconciler.go:86 (the pod exists, Pending)",
                        () -> {
                            ControllerStatuses s = releaseTest();
                            s.node("keygen-admin", 0).running().deadline(EXCEED).pod("x7k2p", PodState.unschedulable("0/3 nodes are available: 3 Insufficient cpu."));
                            s.node("release-test", 0).running().deadline(EXCEED);
                            return s.workflowOver(true, 60);
                        }, Outcome.INFRA_FAILED, Optional.of("keygen-admin"), "never scheduled"),
                new Case("a Suspend step ends by its deadline, as it always does",
                        "no reconciler sets Accomplished on Suspend; deadline_reconciler.go:86; workflow_webhook.go:138",
                        () -> {
                            ControllerStatuses s = ControllerStatuses.chaosMesh("major-upgrade-n1130")
                                    .template("major-upgrade", "Serial", "90m", "submit-proposal", "settle-into-halt", "bump-image")
                                    .template("submit-proposal", "Task", "5m")
                                    .template("settle-into-halt", "Suspend", "10m")
                                    .template("bump-image", "Task", "5m");
                            s.node("submit-proposal", 0).accomplished().deadline(OMITTED).pod("p1", PodState.exited(0, "Completed", 0, 1));
                            s.node("settle-into-halt", 1).deadline(EXCEED);
                            s.node("bump-image", 11).accomplished().pod("p2", PodState.exited(0, "Completed", 11, 13));
                            s.node("major-upgrade", 0).accomplished();
                            return s.workflowOver(true, 13);
                        }, Outcome.PASSED, Optional.empty(), "ended at their deadline"),
                new Case("a chaos step ends by its deadline after its chaos was injected",
                        "chaos_node_reconciler.go:112 (ChaosInjected=True/ChaosCRCreated), :237 and :119 (deleted once finished: False/ChaosCRNotExists)",
                        ConformanceTableTest::chaosInjectedThenEndedByItsDeadline, Outcome.PASSED, Optional.empty(), "exited 0"),
                new Case("a chaos step whose chaos was never created",
                        "chaos_node_reconciler.go (createChaos fails: event ChaosCRCreateFailed, never ChaosCRCreated), :119",
                        () -> {
                            ControllerStatuses s = loadTestWhoseChaosStepEndedByItsDeadline();
                            s.event("kill-rpc", "Warning", "ChaosCRCreateFailed", "failed to create chaos CR");
                            return s.workflowOver(true, 40);
                        }, Outcome.INFRA_FAILED, Optional.of("kill-rpc"), "ChaosCRCreateFailed"),
                new Case("OOMKilled (exit 137)",
                        "task_reconciler.go:122 (Failed pod: Accomplished); the kubelet's OOMKilled",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin");
                            s.node("provision-validator-chain", 1).accomplished().deadline(OMITTED).pod("h8j3k", PodState.exited(137, "OOMKilled", 1, 4));
                            s.node("run-release-test", 4).accomplished().pod("q2w9z", PodState.exited(0, "Completed", 4, 20));
                            s.node("upload-report", 20).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 20, 21));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 21);
                        }, Outcome.INFRA_FAILED, Optional.of("provision-validator-chain"), "OOMKilled"),
                new Case("StartError (exit 128)",
                        "task_reconciler.go:122; the runtime's StartError",
                        () -> {
                            ControllerStatuses s = releaseTest();
                            s.node("keygen-admin", 0).accomplished().deadline(OMITTED).pod("x7k2p", PodState.exited(128, "StartError", 0, 0));
                            s.node("release-test", 0).running().deadline(EXCEED);
                            return s.workflowOver(true, 60);
                        }, Outcome.INFRA_FAILED, Optional.of("keygen-admin"), "StartError"),
                new Case("an evicted Task pod",
                        "task_reconciler.go:122 (Failed pod: Accomplished); the kubelet's eviction",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain");
                            s.node("run-release-test", 10).accomplished().pod("q2w9z", PodState.evicted("The node was low on resource: memory."));
                            s.node("upload-report", 25).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 25, 26));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 26);
                        }, Outcome.INFRA_FAILED, Optional.of("run-release-test"), "137"),
                new Case("aborted by someone else while a Task ran",
                        "abort_workflow_reconciler.go:85 (entry Aborted/WorkflowAborted), abort_node_reconciler.go:90 (ParentNodeAborted); pods keep running",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain");
                            s.annotate("workflow.chaos-mesh.org/abort", "true");
                            s.node("run-release-test", 10).running().aborted("ParentNodeAborted").pod("q2w9z", PodState.running(10));
                            s.node("release-test", 0).running().aborted("WorkflowAborted");
                            return s.workflowOver(true, 14);
                        }, Outcome.INTERRUPTED, Optional.of("run-release-test"), "someone else"),
                new Case("aborted by someone else, then the entry's deadline came",
                        "deadline_reconciler.go:84-86 (only Accomplished gives NodeDeadlineOmitted: an Aborted node gets NodeDeadlineExceed)",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin");
                            s.annotate("workflow.chaos-mesh.org/abort", "true");
                            s.node("provision-validator-chain", 1).accomplished().aborted("ParentNodeAborted").deadline(EXCEED)
                                    .pod("h8j3k", PodState.exited(0, "Completed", 1, 12));
                            s.node("release-test", 0).running().aborted("WorkflowAborted").deadline(EXCEED);
                            return s.workflowOver(true, 3);
                        }, Outcome.INTERRUPTED, Optional.empty(), "someone else"),
                new Case("aborted by someone else after the run had passed",
                        "abort_workflow_reconciler.go:85 (the entry is marked Aborted even if already finished)",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain", "run-release-test", "upload-report");
                            s.annotate("workflow.chaos-mesh.org/abort", "true");
                            s.node("release-test", 0).accomplished().aborted("WorkflowAborted");
                            return s.workflowOver(true, 32);
                        }, Outcome.PASSED, Optional.empty(), "exited 0"),
                new Case("aborted by the runner at its hard deadline (an earlier attempt of this run)",
                        "abort_workflow_reconciler.go:85; the runner's own annotation next to the abort",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain");
                            s.annotate("workflow.chaos-mesh.org/abort", "true").annotate(ChaosMeshOutcomePolicy.ANNOTATION_ABORT_REASON, "hard-deadline");
                            s.node("run-release-test", 10).running().aborted("ParentNodeAborted").pod("q2w9z", PodState.running(10));
                            s.node("release-test", 0).running().aborted("WorkflowAborted");
                            return s.workflowOver(true, 70);
                        }, Outcome.TIMED_OUT, Optional.of("run-release-test"), "aborted by workflow-run (hard-deadline)"),
                new Case("aborted by the runner on SIGTERM (an earlier attempt of this run)",
                        "abort_workflow_reconciler.go:85; the runner's own annotation next to the abort",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin");
                            s.annotate("workflow.chaos-mesh.org/abort", "true").annotate(ChaosMeshOutcomePolicy.ANNOTATION_ABORT_REASON, "interrupted");
                            s.node("provision-validator-chain", 1).running().aborted("ParentNodeAborted").pod("h8j3k", PodState.running(1));
                            s.node("release-test", 0).running().aborted("WorkflowAborted");
                            return s.workflowOver(true, 5);
                        }, Outcome.INTERRUPTED, Optional.of("provision-validator-chain"), "aborted by workflow-run (interrupted)"),
                new Case("aborted by a failing StatusCheck (abortWithStatusCheck)",
                        "statuscheck_reconciler.go:180 (Aborted/StatusCheckNotExceedSuccessThreshold), abort_node_reconciler.go:114 (annotation), abort_workflow_reconciler.go:85",
                        () -> {
                            ControllerStatuses s = ControllerStatuses.chaosMesh("load-test-n1130")
                                    .template("load-test", "Parallel", "90m", "rpc-healthy", "run-load")
                                    .template("rpc-healthy", "StatusCheck", "60m")
                                    .template("run-load", "Task", "60m");
                            s.annotate("workflow.chaos-mesh.org/abort", "true");
                            s.node("rpc-healthy", 0).running().aborted(ChaosMeshOutcomePolicy.STATUS_CHECK_FAILED);
                            s.node("run-load", 0).running().aborted("ParentNodeAborted").pod("p2", PodState.running(0));
                            s.node("load-test", 0).running().aborted("WorkflowAborted");
                            return s.workflowOver(true, 7);
                        }, Outcome.TASK_FAILED, Optional.of("rpc-healthy"), "abortWithStatusCheck"),
                new Case("two pods for one Task: the controller judges pods[0], the first by name",
                        "task_reconciler.go:86 (a node without a pod gets a new one, upstream issue #4878), :114 (more than one pod: pods[0])",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain");
                            s.node("run-release-test", 10).accomplished().deadline(OMITTED)
                                    .pod("b5c6d", PodState.exited(1, "Error", 10, 22))
                                    .pod("z9x8w", PodState.exited(0, "Completed", 22, 40));
                            s.node("upload-report", 22).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 22, 23));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 23);
                        }, Outcome.TASK_FAILED, Optional.of("run-release-test"), "2 pods"),
                new Case("two Tasks of a nested Serial ended in the same second, both failing: the Serial's order decides, not the names",
                        "serial_node_reconciler.go:130 (children spawned one by one, in spec order); new_node.go (startTime and creation in whole seconds)",
                        () -> {
                            ControllerStatuses s = ControllerStatuses.chaosMesh("smoke-n1130")
                                    .template("smoke", "Serial", "30m", "preflight", "run")
                                    .template("preflight", "Serial", "10m", "verify-rpc", "check-peers")
                                    .template("verify-rpc", "Task", "2m")
                                    .template("check-peers", "Task", "2m")
                                    .template("run", "Task", "20m");
                            s.node("smoke", 0).accomplished();
                            s.node("preflight", 0).accomplished();
                            s.node("verify-rpc", 0).accomplished().deadline(OMITTED).pod("v1", PodState.exited(1, "Error", 0, 0));
                            s.node("check-peers", 0).accomplished().deadline(OMITTED).pod("c1", PodState.exited(3, "Error", 0, 0));
                            s.node("run", 0).accomplished().pod("r1", PodState.exited(0, "Completed", 0, 1));
                            return s.workflowOver(true, 1);
                        }, Outcome.TASK_FAILED, Optional.of("verify-rpc"), "exited 1"),
                new Case("two pods for one Task, listed newest first: still the first by name is judged",
                        "task_reconciler.go:86 (a node without a pod gets a new one, upstream issue #4878), :114 (pods[0] of the List, by name)",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin", "provision-validator-chain");
                            s.node("run-release-test", 10).accomplished().deadline(OMITTED)
                                    .pod("x4k7m", PodState.exited(0, "Completed", 22, 40))
                                    .pod("c2d9f", PodState.exited(1, "Error", 10, 22));
                            s.node("upload-report", 22).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 22, 23));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 23);
                        }, Outcome.TASK_FAILED, Optional.of("run-release-test"), "2 pods"),
                new Case("a Task that exited 1 at its deadline, the deadline written before Accomplished",
                        "deadline_reconciler.go:84-86 (NodeDeadlineExceed when not yet Accomplished), task_reconciler.go:122 (Accomplished on a later reconcile)",
                        () -> {
                            ControllerStatuses s = releaseTest();
                            s.node("keygen-admin", 0).accomplished().deadline(EXCEED).pod("x7k2p", PodState.exited(1, "Error", 0, 2));
                            s.node("provision-validator-chain", 2).accomplished().pod("h8j3k", PodState.exited(0, "Completed", 2, 3));
                            s.node("run-release-test", 3).accomplished().pod("q2w9z", PodState.exited(0, "Completed", 3, 4));
                            s.node("upload-report", 4).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 4, 5));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 5);
                        }, Outcome.TASK_FAILED, Optional.of("keygen-admin"), "exited 1"),
                new Case("a Task that exited 0 at its deadline, the deadline written before Accomplished",
                        "deadline_reconciler.go:84-86, task_reconciler.go:122 (the same race with a passing pod)",
                        () -> {
                            ControllerStatuses s = releaseTest();
                            s.node("keygen-admin", 0).accomplished().deadline(EXCEED).pod("x7k2p", PodState.exited(0, "Completed", 0, 2));
                            s.node("provision-validator-chain", 2).accomplished().pod("h8j3k", PodState.exited(0, "Completed", 2, 3));
                            s.node("run-release-test", 3).accomplished().pod("q2w9z", PodState.exited(0, "Completed", 3, 4));
                            s.node("upload-report", 4).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 4, 5));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 5);
                        }, Outcome.PASSED, Optional.empty(), "exited 0"),
                new Case("a Task still running at its own deadline that later exited 3",
                        "deadline_reconciler.go:86; task_reconciler.go:281 (Accomplished later; the pod is not stopped)",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin");
                            s.node("provision-validator-chain", 1).accomplished().deadline(EXCEED).pod("h8j3k", PodState.exited(3, "Error", 1, 19));
                            s.node("run-release-test", 16).accomplished().deadline(OMITTED).pod("q2w9z", PodState.exited(0, "Completed", 16, 30));
                            s.node("upload-report", 30).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 30, 31));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 31);
                        }, Outcome.TIMED_OUT, Optional.of("provision-validator-chain"), "later exited 3"),
                new Case("a Task whose pod was never created before its deadline",
                        "task_reconciler.go:86 (creates the pod, retried while the create is refused); deadline_reconciler.go:86",
                        () -> {
                            ControllerStatuses s = releaseTest();
                            s.node("keygen-admin", 0).running().deadline(EXCEED);
                            s.node("release-test", 0).running().deadline(EXCEED);
                            return s.workflowOver(true, 60);
                        }, Outcome.INFRA_FAILED, Optional.of("keygen-admin"), "none was created before its deadline"),
                new Case("an accomplished Task whose pod is gone before capture",
                        "task_reconciler.go:122 (Accomplished once the pod ended); the controller never deletes the pod, someone else did",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin");
                            s.node("provision-validator-chain", 1).accomplished();
                            s.node("run-release-test", 3).accomplished().pod("q2w9z", PodState.exited(0, "Completed", 3, 4));
                            s.node("upload-report", 4).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 4, 5));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 5);
                        }, Outcome.INFRA_FAILED, Optional.of("provision-validator-chain"), "gone before capture"),
                new Case("a Task pod the kubelet refused (OutOfcpu): Failed without a container status",
                        "task_reconciler.go:122 (a Failed pod makes the node Accomplished); the kubelet's admission",
                        () -> {
                            ControllerStatuses s = passedUpTo(releaseTest(), "keygen-admin");
                            s.node("provision-validator-chain", 1).accomplished().pod("h8j3k", node -> Map.of("phase", "Failed", "reason", "OutOfcpu",
                                    "message", "Pod Node didn't have enough resource: cpu, requested: 4000, used: 1000, capacity: 4000"));
                            s.node("run-release-test", 1).accomplished().pod("q2w9z", PodState.exited(0, "Completed", 1, 4));
                            s.node("upload-report", 4).accomplished().pod("m4n5b", PodState.exited(0, "Completed", 4, 5));
                            s.node("release-test", 0).accomplished();
                            return s.workflowOver(true, 5);
                        }, Outcome.INFRA_FAILED, Optional.of("provision-validator-chain"), "failed without a container exit: OutOfcpu (Pod Node"),
                new Case("a chaos step that ended with no ChaosInjected condition at all",
                        "chaos_node_reconciler.go:112 (ChaosInjected is written once the chaos CR is created); deadline_reconciler.go:86",
                        () -> {
                            ControllerStatuses s = ControllerStatuses.chaosMesh("load-test-n1130")
                                    .template("load-test", "Serial", "90m", "warm-up", "kill-rpc")
                                    .template("warm-up", "Task", "5m")
                                    .template("kill-rpc", "PodChaos", "10m");
                            s.node("warm-up", 0).accomplished().deadline(OMITTED).pod("p1", PodState.exited(0, "Completed", 0, 2));
                            s.node("kill-rpc", 2).deadline(EXCEED);
                            s.node("load-test", 0).accomplished();
                            return s.workflowOver(true, 12);
                        }, Outcome.INFRA_FAILED, Optional.of("kill-rpc"), "no ChaosInjected condition"),
                new Case("two chaos steps, the second one's chaos never created: each step's own events decide",
                        "chaos_node_reconciler.go (ChaosCRCreated / ChaosCRCreateFailed events on the node that created the CR), :119",
                        () -> {
                            ControllerStatuses s = ControllerStatuses.chaosMesh("load-test-n1130")
                                    .template("load-test", "Serial", "90m", "kill-rpc", "partition")
                                    .template("kill-rpc", "PodChaos", "10m")
                                    .template("partition", "NetworkChaos", "10m");
                            s.node("kill-rpc", 0).condition("ChaosInjected", "False", "ChaosCRNotExists").deadline(EXCEED);
                            s.node("partition", 10).condition("ChaosInjected", "False", "ChaosCRNotExists").deadline(EXCEED);
                            s.node("load-test", 0).accomplished();
                            s.event("kill-rpc", "Normal", "ChaosCRCreated", "chaos CR kill-rpc-8k2m4 created");
                            s.event("partition", "Warning", "ChaosCRCreateFailed", "failed to create chaos CR");
                            return s.workflowOver(true, 20);
                        }, Outcome.INFRA_FAILED, Optional.of("partition"), "ChaosCRCreateFailed"),
                new Case("a Serial inside a Parallel passes its deadline while its Suspend waits, before the Parallel's",
                        "deadline_reconciler.go:86 (NodeDeadlineExceed on each unfinished composite), :151,183 (ParentNodeDeadlineExceed on active children); no reconciler sets Accomplished on Suspend",
                        () -> {
                            ControllerStatuses s = ControllerStatuses.chaosMesh("soak-n1130")
                                    .template("soak", "Parallel", "30m", "hold-phase", "observe")
                                    .template("hold-phase", "Serial", "10m", "hold")
                                    .template("hold", "Suspend", "20m")
                                    .template("observe", "Suspend", "40m");
                            s.node("soak", 0).running().deadline(EXCEED);
                            s.node("hold-phase", 0).running().deadline(EXCEED);
                            s.node("hold", 0).deadline(PARENT);
                            s.node("observe", 0).deadline(PARENT);
                            return s.workflowOver(true, 30);
                        }, Outcome.TIMED_OUT, Optional.of("hold"), "the deadline of Serial hold-phase (due 2026-11-30T02:10:05Z) passed while Suspend step hold"),
                new Case("a Serial inside a Parallel passes its deadline while its Task runs; the Parallel then finishes",
                        "deadline_reconciler.go:86, :151,183 (the Task gets ParentNodeDeadlineExceed from its Serial); parallel_node_reconciler.go (Accomplished when every child finished, by any condition)",
                        () -> {
                            ControllerStatuses s = ControllerStatuses.chaosMesh("soak-n1130")
                                    .template("soak", "Parallel", "60m", "phase-a", "monitor")
                                    .template("phase-a", "Serial", "10m", "load")
                                    .template("load", "Task", "30m")
                                    .template("monitor", "Task", "60m");
                            s.node("soak", 0).accomplished();
                            s.node("phase-a", 0).running().deadline(EXCEED);
                            s.node("load", 0).running().deadline(PARENT).pod("l1", PodState.running(0));
                            s.node("monitor", 0).accomplished().pod("m1", PodState.exited(0, "Completed", 0, 20));
                            return s.workflowOver(true, 20);
                        }, Outcome.TIMED_OUT, Optional.of("load"), "the deadline of Serial phase-a (2026-11-30T02:10:05Z) passed while Task load"),
                new Case("aborted by someone else while two Tasks of a Parallel ran: the first started is named",
                        "abort_workflow_reconciler.go:85, abort_node_reconciler.go:90 (ParentNodeAborted on every active child); parallel_node_reconciler.go (children spawned in spec order)",
                        () -> {
                            ControllerStatuses s = ControllerStatuses.chaosMesh("load-test-n1130")
                                    .template("load-test", "Parallel", "90m", "watch-rpc", "run-load")
                                    .template("watch-rpc", "Task", "60m")
                                    .template("run-load", "Task", "60m");
                            s.annotate("workflow.chaos-mesh.org/abort", "true");
                            s.node("watch-rpc", 0).running().aborted("ParentNodeAborted").pod("w1", PodState.running(0));
                            s.node("run-load", 0).running().aborted("ParentNodeAborted").pod("r1", PodState.running(0));
                            s.node("load-test", 0).running().aborted("WorkflowAborted");
                            return s.workflowOver(true, 7);
                        }, Outcome.INTERRUPTED, Optional.of("watch-rpc"), "someone else"),
                new Case("Argo: Succeeded",
                        "argo-workflows workflow/controller/operator.go markWorkflowSuccess",
                        () -> ControllerStatuses.argo("release-test-n1130", Map.of("phase", "Succeeded", "nodes", Map.of())),
                        Outcome.PASSED, Optional.empty(), "Succeeded"),
                new Case("Argo: Failed, stopped with a strategy",
                        "argo-workflows workflow/controller/operator.go:543 (\"Stopped with strategy\")",
                        () -> ControllerStatuses.argo("release-test-n1130", Map.of("phase", "Failed", "message", "Stopped with strategy 'Stop'",
                                "nodes", Map.of("n1", argoNode("run-release-test", "Failed", "2026-11-30T02:10:00Z", "workflow shutdown with strategy:  Stop", "143")))),
                        Outcome.INTERRUPTED, Optional.of("run-release-test"), "Stopped with strategy"),
                new Case("Argo: Failed, a step past the workflow's deadline",
                        "argo-workflows workflow/controller/exec_control.go:65 (\"Step exceeded its deadline\")",
                        () -> ControllerStatuses.argo("release-test-n1130", Map.of("phase", "Failed", "message", "Step exceeded its deadline",
                                "nodes", Map.of("n1", argoNode("run-release-test", "Failed", "2026-11-30T02:10:00Z", "Step exceeded its deadline", "")))),
                        Outcome.TIMED_OUT, Optional.of("run-release-test"), "exceeded its deadline"),
                new Case("Argo: Failed, the first failed step by startedAt decides",
                        "argo-workflows workflow/controller/operator.go:566 (the Workflow's message is the failed node's)",
                        () -> ControllerStatuses.argo("release-test-n1130", Map.of("phase", "Failed", "message", "child 'a' failed",
                                "nodes", Map.of(
                                        "a", argoNode("upload-report", "Failed", "2026-11-30T02:40:00Z", "Error (exit code 1)", "1"),
                                        "b", argoNode("keygen-admin", "Failed", "2026-11-30T02:01:00Z", "Error (exit code 1)", "1")))),
                        Outcome.TASK_FAILED, Optional.of("keygen-admin"), "Error (exit code 1)"),
                new Case("Argo: Failed with exit 2 (the images' infrastructure failure)",
                        "argo-workflows node outputs.exitCode; the task images' exit-code contract",
                        () -> ControllerStatuses.argo("release-test-n1130", Map.of("phase", "Failed", "message", "Error (exit code 2)",
                                "nodes", Map.of("a", argoNode("keygen-admin", "Failed", "2026-11-30T02:01:00Z", "Error (exit code 2)", "2")))),
                        Outcome.INFRA_FAILED, Optional.of("keygen-admin"), "exit code 2"),
                new Case("Argo: Error",
                        "argo-workflows workflow/controller/operator.go markWorkflowError",
                        () -> ControllerStatuses.argo("release-test-n1130", Map.of("phase", "Error", "message", "failed to resolve artifact repository",
                                "nodes", Map.of())),
                        Outcome.INFRA_FAILED, Optional.empty(), "Error"));
    }

    static Map<String, Object> argoNode(String name, String phase, String startedAt, String message, String exitCode) {
        return exitCode.isEmpty()
                ? Map.of("displayName", name, "templateName", name, "type", "Pod", "phase", phase, "startedAt", startedAt, "message", message)
                : Map.of("displayName", name, "templateName", name, "type", "Pod", "phase", phase, "startedAt", startedAt, "message", message,
                "outputs", Map.of("exitCode", exitCode));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void thePolicyGivesTheExpectedVerdict(Case c) {
        ControllerStatuses story = c.story().get();
        Evidence evidence = story.evidence();
        OutcomePolicy policy = OfflineJudge.policyFor(evidence.workflow(), Path.of("workflow.yaml"));

        assertThat(policy.isTerminal(evidence.workflow(), evidence.nodes())).as("terminal").isTrue();
        WorkflowVerdict verdict = policy.verdict(evidence);

        assertThat(verdict.outcome()).as(c.source() + "\n" + verdict.reason()).isEqualTo(c.outcome());
        assertThat(verdict.decidingTask()).as(verdict.reason()).isEqualTo(c.task());
        assertThat(verdict.reason()).contains(c.reasonSays());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgeGivesTheSameVerdictFromTheFilesKubectlPrints(Case c, @TempDir Path dir) throws Exception {
        ControllerStatuses story = c.story().get();
        story.writeTo(dir);
        WorkflowVerdict direct = OfflineJudge.policyFor(story.evidence().workflow(), Path.of("workflow.yaml")).verdict(story.evidence());

        OfflineJudge.Judgement judged = OfflineJudge.judge(dir);

        assertThat(judged.verdict()).isEqualTo(direct);
        assertThat(judged.verdict().outcome()).isEqualTo(c.outcome());
        assertThat(judged.verdict().decidingTask()).isEqualTo(c.task());
    }
}
