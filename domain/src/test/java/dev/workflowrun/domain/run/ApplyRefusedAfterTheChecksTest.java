package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.ForeignWorkflowException;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.testing.InMemoryScenarioSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one refusal that comes after lint and drift passed: a Workflow of the run's name exists but
 * is not this run's (its labels differ). Nothing was written and nothing of its owner's may be
 * captured, aborted or deleted, so the run stops as a rejection, and is still published.
 */
class ApplyRefusedAfterTheChecksTest {

    private static final String PREFIX = "nightly/release-test/nightly-42/";

    @Test
    void aWorkflowOfTheRunsNameThatIsNotTheRunsIsNeitherCapturedNorCleanedUpAndTheRunIsAnInfraFailure() {
        RunFixture f = new RunFixture();
        f.cluster.failApply(new ForeignWorkflowException("workflows/release-test-nightly-42 lacks the label workflow-run/run-id"));

        RunResult result = f.run();

        assertThat(result.outcome()).contains(Outcome.INFRA_FAILED);
        assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
        assertThat(result.reason()).startsWith("refused to adopt: ").contains("lacks the label workflow-run/run-id");
        assertThat(f.cluster.calls()).containsExactly("apply release-test-nightly-42");
        assertThat(result.applied()).isFalse();
        assertThat(result.snapshot()).isEmpty();
        assertThat(result.cleanup()).isEmpty();
    }

    @Test
    void theRefusedRunIsPublishedWithWhatItRenderedAndTheCommitItChecked() {
        RunFixture f = new RunFixture();
        f.cluster.failApply(new ForeignWorkflowException("workflows/release-test-nightly-42 belongs to another run"));

        RunResult result = f.run();

        assertThat(result.commit()).contains(InMemoryScenarioSource.COMMIT);
        assertThat(result.publishedToFallback()).isFalse();
        assertThat(f.store.objects()).containsKeys(PREFIX + "attempt-1/run.json", PREFIX + "attempt-1/rendered.yaml")
                .doesNotContainKey(PREFIX + "attempt-1/workflow.yaml");
        assertThat(f.store.objects().get(PREFIX + "attempt-1/run.json")).contains("INFRA_FAILED", "refused to adopt");
    }
}
