package dev.workflowrun.adapters.k8s;

import dev.workflowrun.adapters.k8s.ControllerStatuses.PodState;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the Chaos Mesh policy links what it reads: the entry node (named by the Workflow's status, else the node the
 * Workflow controls, {@code fetchEntryNode} in {@code controllers/workflow_entry_reconciler.go}), and parents and pods
 * by the {@code chaos-mesh.org/controlled-by} label or, without it, by the controller ownerReference
 * ({@code controllers/new_node.go}, {@code task_reconciler.go}).
 */
class VerdictLinksTest {

    private final ChaosMeshOutcomePolicy policy = new ChaosMeshOutcomePolicy();

    /** The entry has finished; the Workflow's own status has not caught up (no Accomplished yet). */
    private static Evidence entryFinishedWorkflowLagging(boolean otherNodesFinished) {
        ControllerStatuses s = ConformanceTableTest.releaseTest();
        s.node("release-test", 0).accomplished();
        if (otherNodesFinished) {
            s.node("keygen-admin", 0).accomplished().pod("x7k2p", PodState.exited(0, "Completed", 0, 1));
        } else {
            s.node("keygen-admin", 0).running().pod("x7k2p", PodState.running(0));
        }
        return s.workflowOver(false, 0).evidence();
    }

    private static GenericKubernetesResource node(Evidence e, String template) {
        return e.nodes().stream().filter(n -> Resources.templateName(n).equals(template)).findFirst().orElseThrow();
    }

    private static void withoutControlledByLabel(HasMetadata r) {
        r.getMetadata().getLabels().remove(Resources.LABEL_CONTROLLED_BY);
    }

    private static void withoutOwners(HasMetadata r) {
        r.getMetadata().setOwnerReferences(List.of());
    }

    private static void forgetEntryNodeName(Evidence e) {
        Resources.status(e.workflow()).remove("entryNode");
    }

    @Nested
    class TheEntryNode {

        @Test
        void isTheOneTheWorkflowsStatusNames() {
            Evidence e = entryFinishedWorkflowLagging(false);

            assertThat(ChaosMeshOutcomePolicy.entryNode(e.workflow(), e.nodes())).contains(node(e, "release-test"));
            assertThat(policy.isTerminal(e.workflow(), e.nodes())).isTrue();
        }

        @Test
        void withoutItsNameInTheStatusIsTheNodeLabelledAsControlledByTheWorkflow() {
            Evidence e = entryFinishedWorkflowLagging(false);
            forgetEntryNodeName(e);
            withoutOwners(node(e, "release-test"));

            assertThat(ChaosMeshOutcomePolicy.entryNode(e.workflow(), e.nodes())).contains(node(e, "release-test"));
            assertThat(policy.isTerminal(e.workflow(), e.nodes())).isTrue();
        }

        @Test
        void withoutItsNameInTheStatusNorALabelIsTheNodeTheWorkflowOwns() {
            Evidence e = entryFinishedWorkflowLagging(false);
            forgetEntryNodeName(e);
            withoutControlledByLabel(node(e, "release-test"));

            assertThat(ChaosMeshOutcomePolicy.entryNode(e.workflow(), e.nodes())).contains(node(e, "release-test"));
            assertThat(policy.isTerminal(e.workflow(), e.nodes())).isTrue();
        }

        @Test
        void namedButNotCapturedIsLookedForAmongTheNodes() {
            Evidence e = entryFinishedWorkflowLagging(false);
            Resources.status(e.workflow()).put("entryNode", "release-test-gone1");

            assertThat(ChaosMeshOutcomePolicy.entryNode(e.workflow(), e.nodes())).contains(node(e, "release-test"));
        }

        @Test
        void isNoOtherNodeWhenNothingLinksOneToTheWorkflow() {
            Evidence e = entryFinishedWorkflowLagging(true);
            forgetEntryNodeName(e);
            withoutControlledByLabel(node(e, "release-test"));
            withoutOwners(node(e, "release-test"));

            assertThat(ChaosMeshOutcomePolicy.entryNode(e.workflow(), e.nodes())).isEmpty();
            assertThat(policy.isTerminal(e.workflow(), e.nodes())).as("a finished child is not the entry").isFalse();
        }
    }

    @Nested
    class ParentsAndPods {

        private static List<ConformanceTableTest.Case> chaosMeshCases() {
            return ConformanceTableTest.cases().stream().filter(c -> !c.name().startsWith("Argo")).toList();
        }

        private void assertSameVerdictWith(Consumer<HasMetadata> strip) {
            for (ConformanceTableTest.Case c : chaosMeshCases()) {
                WorkflowVerdict linkedBoth = policy.verdict(c.story().get().evidence());
                Evidence e = c.story().get().evidence();
                e.nodes().forEach(strip);
                e.pods().forEach(strip);

                assertThat(policy.verdict(e)).as(c.name()).isEqualTo(linkedBoth);
            }
        }

        @Test
        void areLinkedByOwnerReferencesWhenTheControlledByLabelsAreMissing() {
            assertSameVerdictWith(VerdictLinksTest::withoutControlledByLabel);
        }

        @Test
        void areLinkedByTheControlledByLabelsWhenOwnerReferencesAreMissing() {
            assertSameVerdictWith(VerdictLinksTest::withoutOwners);
        }
    }

    @Test
    void aPassingRunSaysHowManyTasksExitedZeroAndNothingElse() {
        ControllerStatuses s = ControllerStatuses.chaosMesh("smoke-n1130")
                .template("smoke", "Serial", null, "first", "second")
                .template("first", "Task", null)
                .template("second", "Task", null);
        s.node("smoke", 0).accomplished();
        s.node("first", 0).accomplished().pod("f1", PodState.exited(0, "Completed", 0, 1));
        s.node("second", 1).accomplished().pod("s1", PodState.exited(0, "Completed", 1, 2));

        WorkflowVerdict verdict = policy.verdict(s.workflowOver(true, 2).evidence());

        assertThat(verdict).isEqualTo(WorkflowVerdict.of(Outcome.PASSED, "the Workflow is over and all 2 Task(s) exited 0"));
        assertThat(verdict.decidingTask()).isEqualTo(Optional.empty());
    }
}
