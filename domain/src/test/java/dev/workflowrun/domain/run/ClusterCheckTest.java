package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.ClusterException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A wrong or unreachable cluster is found before the fetch, and the run still leaves a report. */
class ClusterCheckTest {

    @Test
    void anUnreachableClusterStopsTheRunBeforeFetchWithExit2AndAReport() {
        RunFixture f = new RunFixture();
        f.cluster.failCheck(new ClusterException("the Kubernetes API server at https://10.0.0.1:6443 (context prod) did not answer within 5s: "
                + "connection refused"));

        RunResult result = f.run();

        assertThat(f.cluster.checks()).isEqualTo(1);
        assertThat(f.cluster.calls()).isEmpty();
        assertThat(f.source.requests()).isEmpty();
        assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
        assertThat(result.reason()).contains("the cluster cannot be used", "https://10.0.0.1:6443", "context prod", "connection refused");
        assertThat(f.store.writeOrder()).as("the report of a run stopped this early is still published").anyMatch(k -> k.endsWith("/run.json"));
    }

    @Test
    void aReachableClusterIsCheckedOnceBeforeTheRun() {
        RunFixture f = new RunFixture();
        f.cluster.then(dev.workflowrun.domain.testing.FakeWorkflowCluster.finish(
                dev.workflowrun.domain.cluster.WorkflowVerdict.of(dev.workflowrun.domain.cluster.Outcome.PASSED, "every task exited 0")));

        RunResult result = f.run();

        assertThat(f.cluster.checks()).isEqualTo(1);
        assertThat(result.exitCode()).isEqualTo(ExitCode.PASSED);
    }
}
