package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.report.RunChecks;
import dev.workflowrun.domain.report.RunRecord;
import dev.workflowrun.domain.report.RunReport;
import dev.workflowrun.domain.report.RunReports;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.testing.InMemoryScenarioSource;
import dev.workflowrun.domain.testing.Scenarios;
import dev.workflowrun.domain.text.Scrubber;
import dev.workflowrun.domain.variables.VariableDeclaration;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code run.json} and the reports read off the chain of states, wherever the run ended:
 * the commit that was checked, the checks that passed, the soft-deadline warning; and the states'
 * own accessors, walked step by step.
 */
class WhatEachEndOfTheLifecycleRemembersTest {

    private static final WorkflowVerdict PASSED = WorkflowVerdict.of(Outcome.PASSED, "every task exited 0");
    private static final String COMMIT = InMemoryScenarioSource.COMMIT;

    private static RunPorts ports(RunFixture f) {
        return new RunPorts(f.source, new FakeManifestReader(), f.cluster, f.store, f.fallback, Optional.empty(), f.lintRules, f.clock);
    }

    /** Runs with reports that keep the record each publication attempt hands them. */
    private static RunResult runRecording(RunFixture f, List<RunRecord> records) {
        RunReports recording = record -> {
            records.add(record);
            return RunReport.EMPTY;
        };
        return new RunScenario(ports(f), RunJournal::toText, recording).run(f.command(), f.cancellation, f.events::add);
    }

    @Test
    void aRunStoppedRightAfterTheFetchStillSaysWhichCommitItFetched() {
        RunFixture f = new RunFixture();
        f.source.put("scenarios/release-test.yaml", "   \n");

        RunResult result = f.run();

        assertThat(result.reason()).contains("is empty");
        assertThat(result.commit()).contains(COMMIT);
    }

    @Test
    void aRunRefusedByLintSaysWhichCommitItRenderedAndThatItWasRenderedButNotVerified() {
        RunFixture f = new RunFixture();
        f.lintRules.add(ctx -> List.of(LintFinding.error("allowed-kinds", "a ClusterRole is not allowed")));
        List<RunRecord> records = new ArrayList<>();

        RunResult result = runRecording(f, records);

        assertThat(result.commit()).contains(COMMIT);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.checks().rendered()).isTrue();
            assertThat(r.checks().verified()).isFalse();
            assertThat(r.checks().lintWarnings()).isEmpty();
            assertThat(r.checks().images()).containsEntry("SEID_IMAGE", "ghcr.io/sei-protocol/seid:v6.1.0");
        });
    }

    @Test
    void aRunSignalledAfterItsChecksPassedSaysWhichCommitItVerifiedAndThatTheChecksPassed() {
        RunFixture f = new RunFixture();
        f.lintRules.add(ctx -> {
            f.cancellation.cancel("SIGTERM");
            return List.of(LintFinding.warning("deadline-budget", "the tasks' deadlines add up to more than the entry's"));
        });
        List<RunRecord> records = new ArrayList<>();

        RunResult result = runRecording(f, records);

        assertThat(result.outcome()).contains(Outcome.INTERRUPTED);
        assertThat(result.commit()).contains(COMMIT);
        assertThat(result.softDeadlineWarned()).isFalse();
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.checks().verified()).isTrue();
            assertThat(r.checks().lintWarnings()).extracting(LintFinding::rule).containsExactly("deadline-budget");
        });
    }

    @Test
    void anAppliedRunSaysWhichCommitItRanAndThatItsChecksPassed() {
        RunFixture f = new RunFixture().finishing(PASSED);
        f.lintRules.add(ctx -> List.of(LintFinding.warning("deadline-budget", "the tasks' deadlines add up to more than the entry's")));
        List<RunRecord> records = new ArrayList<>();

        RunResult result = runRecording(f, records);

        assertThat(result.commit()).contains(COMMIT);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.checks().rendered()).isTrue();
            assertThat(r.checks().verified()).isTrue();
            assertThat(r.checks().lintWarnings()).extracting(LintFinding::rule).containsExactly("deadline-budget");
            assertThat(r.checks().tasks()).isNotEmpty();
            assertThat(r.checks().images()).containsKeys("SEID_IMAGE", "SEITASK_IMAGE");
        });
    }

    @Test
    void aRunThatNeverReachedTheClusterReportsNoChecks() {
        RunFixture f = new RunFixture();
        f.cluster.failCheck(new dev.workflowrun.domain.cluster.ClusterException("no route to host"));
        List<RunRecord> records = new ArrayList<>();

        RunResult result = runRecording(f, records);

        assertThat(result.commit()).isEmpty();
        assertThat(records).singleElement().satisfies(r -> assertThat(r.checks()).isEqualTo(RunChecks.NONE));
    }

    @Test
    void theListenerIsToldEverySecretOnceTheVariablesAreBound() {
        RunFixture f = new RunFixture().finishing(PASSED);
        String secret = "s3cr3t-faucet-value";
        f.source.put("scenarios/release-test.yaml", Scenarios.RELEASE_TEST
                .replace("#   $SEITASK_IMAGE          seitask task image\n",
                        "#   $SEITASK_IMAGE          seitask task image\n#   $FAUCET_TOKEN           token of the chain's faucet\n")
                .replace("echo cost $$5", "echo cost $$5 $FAUCET_TOKEN"));
        f.vars.put("FAUCET_TOKEN", secret);
        List<Scrubber> told = new ArrayList<>();
        RunEventListener listener = new RunEventListener() {
            @Override
            public void onEvent(RunEvent event) {
            }

            @Override
            public void onSecrets(Scrubber scrubber) {
                told.add(scrubber);
            }
        };

        f.useCase().run(f.command(), f.cancellation, listener);

        assertThat(told).isNotEmpty();
        assertThat(told.get(told.size() - 1).scrub("a Task log line with " + secret)).doesNotContain(secret);
    }

    @Test
    void eachStateOfAnAppliedRunKeepsWhatTheStepBeforeItMade() {
        RunFixture f = new RunFixture().finishing(PASSED);
        RunPorts ports = ports(f);
        RunJournal journal = new RunJournal(f.clock, RunEventListener.NONE);

        RunState.Rendered rendered = RunState.plan(f.command(), f.clock.instant()).fetch(ports, journal).render(ports, journal);
        RunState.Verified verified = rendered.verify(ports, journal);
        RunState.Applied applied = verified.apply(ports, journal);
        RunState.Captured captured = applied.await(ports, journal, f.cancellation, RunEventListener.NONE).capture(ports, journal);
        RunState.CleanedUp cleanedUp = captured.cleanUp(ports, journal);
        RunState.Published published = cleanedUp.publish(new Publication(ports, RunJournal::toText, RunReports.NONE, journal, new Cancellation()));

        assertThat(rendered.declared()).extracting(VariableDeclaration::name).contains("SEID_IMAGE", "SEITASK_IMAGE");
        assertThat(applied.appliedAt()).isEqualTo(f.clock.instant());
        assertThat(applied.applyFailure()).isEmpty();
        assertThat(cleanedUp.captured()).isSameAs(captured);
        assertThat(cleanedUp.report()).isEqualTo(new CleanupReport(true, true, List.of(), List.of()));
        assertThat(cleanedUp.verified()).containsSame(verified);
        assertThat(published.concluded()).isSameAs(cleanedUp);
        assertThat(published.result().exitCode()).isEqualTo(ExitCode.PASSED);
    }

    @Test
    void anApplyThatFailedKeepsWhyForTheWaitThatFollows() {
        RunFixture f = new RunFixture();
        f.cluster.failApply(new IllegalStateException("admission webhook denied the request"));
        RunPorts ports = ports(f);
        RunJournal journal = new RunJournal(f.clock, RunEventListener.NONE);

        RunState.Applied applied = RunState.plan(f.command(), f.clock.instant()).fetch(ports, journal).render(ports, journal)
                .verify(ports, journal).apply(ports, journal);

        assertThat(applied.result()).isEmpty();
        assertThat(applied.applyFailure()).contains("admission webhook denied the request");
        assertThat(applied.appliedAt()).isEqualTo(f.clock.instant());
    }

    @Test
    void aRunStoppedBeforeApplyKeepsTheLastStateItReached() {
        RunFixture f = new RunFixture();
        RunPorts ports = ports(f);
        RunJournal journal = new RunJournal(f.clock, RunEventListener.NONE);
        RunState.Fetched fetched = RunState.plan(f.command(), f.clock.instant()).fetch(ports, journal);

        RunState.Rejected rejected = fetched.stop(Outcome.INFRA_FAILED, "stopped by the test");
        RunState.Published published = rejected.publish(new Publication(ports, RunJournal::toText, RunReports.NONE, journal, new Cancellation()));

        assertThat(rejected.reached()).isSameAs(fetched);
        assertThat(rejected.commit()).contains(COMMIT);
        assertThat(rejected.rendered()).isEmpty();
        assertThat(rejected.softDeadlineWarned()).isFalse();
        assertThat(published.concluded()).isSameAs(rejected);
        assertThat(published.result().commit()).contains(COMMIT);
    }
}
