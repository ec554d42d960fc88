package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.cluster.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundle's location is fixed once, when the run starts: a run that crosses midnight publishes under one date. */
class RunAcrossMidnightTest {

    private static final String BY_DATE = "nightly/{date}/{scenario}/{runId}/";

    @Test
    void a_run_started_at_23_59_59_and_published_after_midnight_publishes_under_the_start_date() {
        RunFixture f = new RunFixture();
        f.clock.set(Instant.parse("2026-03-01T23:59:59Z"));
        f.cluster.then((until, cancellation) -> {
            f.clock.advance(Duration.ofMinutes(20));
            return new AwaitResult.Finished(WorkflowVerdict.of(Outcome.PASSED, "all tasks passed"));
        });
        RunScenarioCommand command = byDate(f.command());

        RunResult result = f.useCase().run(command, f.cancellation, f.events::add);

        assertThat(f.clock.instant()).isAfter(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(result.bundlePrefix()).isEqualTo("nightly/2026-03-01/release-test/nightly-42/attempt-1/");
        assertThat(f.store.objects().keySet()).isNotEmpty().allMatch(k -> k.startsWith("nightly/2026-03-01/"));
    }

    @Test
    void the_start_a_caller_makes_is_where_the_use_case_publishes() {
        RunFixture f = new RunFixture().finishing(WorkflowVerdict.of(Outcome.PASSED, "all tasks passed"));
        RunState.Planned planned = RunState.plan(byDate(f.command()), Instant.parse("2026-03-01T23:59:59Z"));

        RunResult result = f.useCase().run(planned, f.cancellation, f.events::add);

        assertThat(planned.location().prefix()).isEqualTo("nightly/2026-03-01/release-test/nightly-42/");
        assertThat(result.bundlePrefix()).startsWith(planned.location().prefix());
        assertThat(result.startedAt()).isEqualTo(planned.startedAt());
    }

    private static RunScenarioCommand byDate(RunScenarioCommand c) {
        return new RunScenarioCommand(c.scenario(), c.scenarioRef(), c.runId(), c.namespace(), c.variables(), c.softDeadline(),
                c.hardDeadline(), c.driftRules(), BY_DATE, CaptureOptions.DEFAULT, c.cleanupBound(), c.runIdVariable(), c.namespaceVariable());
    }
}
