package dev.workflowrun.adapters.k8s;

import dev.workflowrun.adapters.k8s.ControllerStatuses.PodState;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.workflowrun.adapters.k8s.ConformanceTableTest.EXCEED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the wait may take the verdict's nodes from its own watch instead of listing them: only a whole
 * tree that ended as a passing run ends. Anything the watch may not have delivered yet has them listed.
 */
class WatchedNodesSufficeTest {

    private final ChaosMeshOutcomePolicy policy = new ChaosMeshOutcomePolicy();

    /** release-test's Serial of four Tasks, each passed, as the controller leaves them. */
    private static ControllerStatuses passed() {
        ControllerStatuses s = ConformanceTableTest.passedUpTo(ConformanceTableTest.releaseTest(),
                "keygen-admin", "provision-validator-chain", "run-release-test", "upload-report");
        s.node("release-test", 0).accomplished();
        return s;
    }

    @Test
    void aWholeTreeThatEndedAsAPassingRunEndsSuffices() {
        Evidence e = passed().workflowOver(true, 32).evidence();

        assertThat(policy.watchedNodesSuffice(e.workflow(), e.nodes())).isTrue();
    }

    @Test
    void theWorkflowsEndSeenBeforeTheEntryNodesIsListed() {
        ControllerStatuses s = ConformanceTableTest.passedUpTo(ConformanceTableTest.releaseTest(),
                "keygen-admin", "provision-validator-chain", "run-release-test", "upload-report");
        s.node("release-test", 0); // the watch still holds the entry as running
        Evidence e = s.workflowOver(true, 32).evidence();

        assertThat(policy.watchedNodesSuffice(e.workflow(), e.nodes())).isFalse();
    }

    @Test
    void aTreeWithANodeTheWatchHasNotDeliveredIsListed() {
        Evidence e = passed().workflowOver(true, 32).evidence();
        List<GenericKubernetesResource> missingOne = new ArrayList<>(e.nodes());
        missingOne.removeIf(n -> Resources.name(n).startsWith("run-release-test"));

        assertThat(policy.watchedNodesSuffice(e.workflow(), missingOne)).isFalse();
        assertThat(policy.watchedNodesSuffice(e.workflow(), List.of())).isFalse();
    }

    @Test
    void aChildStillRunningInTheWatchIsListed() {
        ControllerStatuses s = ConformanceTableTest.passedUpTo(ConformanceTableTest.releaseTest(),
                "keygen-admin", "provision-validator-chain", "run-release-test");
        s.node("upload-report", 32).pod("u1", PodState.running(32));
        s.node("release-test", 0).accomplished();
        Evidence e = s.workflowOver(true, 34).evidence();

        assertThat(policy.watchedNodesSuffice(e.workflow(), e.nodes())).isFalse();
    }

    @Test
    void anEndByADeadlineOrAnAbortIsListed() {
        ControllerStatuses timedOut = ConformanceTableTest.passedUpTo(ConformanceTableTest.releaseTest(), "keygen-admin");
        timedOut.node("provision-validator-chain", 1).deadline(EXCEED);
        timedOut.node("release-test", 0).deadline(EXCEED);
        Evidence t = timedOut.workflowOver(true, 60).evidence();

        ControllerStatuses aborted = passed();
        aborted.node("release-test").condition("Aborted", "True", "");
        Evidence a = aborted.workflowOver(true, 32).evidence();

        assertThat(policy.watchedNodesSuffice(t.workflow(), t.nodes())).isFalse();
        assertThat(policy.watchedNodesSuffice(a.workflow(), a.nodes())).isFalse();
    }

    @Test
    void aChaosStepEndedByItsDeadlineIsPartOfAPassingTree() {
        Evidence e = ConformanceTableTest.chaosInjectedThenEndedByItsDeadline().evidence();

        assertThat(policy.watchedNodesSuffice(e.workflow(), e.nodes())).isTrue();
    }

    @Test
    void anEngineWithoutNodesAlwaysLists() {
        Evidence e = passed().workflowOver(true, 32).evidence();

        assertThat(new StatusPhaseOutcomePolicy().watchedNodesSuffice(e.workflow(), e.nodes())).isFalse();
    }

    @Test
    void theWatchHasCaughtUpOnceItShowsTheEntryNodesEndByAnyMeans() {
        ControllerStatuses running = ConformanceTableTest.passedUpTo(ConformanceTableTest.releaseTest(),
                "keygen-admin", "provision-validator-chain", "run-release-test", "upload-report");
        running.node("release-test", 0); // the Workflow's end arrived first; the entry's is still on its way
        Evidence behind = running.workflowOver(true, 32).evidence();

        ControllerStatuses timedOut = ConformanceTableTest.passedUpTo(ConformanceTableTest.releaseTest(), "keygen-admin");
        timedOut.node("provision-validator-chain", 1).deadline(EXCEED);
        timedOut.node("release-test", 0).deadline(EXCEED);
        Evidence ended = timedOut.workflowOver(true, 60).evidence();

        assertThat(policy.nodesCaughtUp(behind.workflow(), behind.nodes())).isFalse();
        assertThat(policy.nodesCaughtUp(behind.workflow(), List.of())).isFalse();
        assertThat(policy.nodesCaughtUp(ended.workflow(), ended.nodes())).isTrue();
        assertThat(new StatusPhaseOutcomePolicy().nodesCaughtUp(behind.workflow(), List.of())).isTrue();
    }
}
