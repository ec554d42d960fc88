package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.ApiRequestCounts;
import dev.workflowrun.domain.cluster.ApplyResult;
import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.drift.DriftContext;
import dev.workflowrun.domain.drift.DriftFinding;
import dev.workflowrun.domain.drift.DriftRule;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.testing.FakeWorkflowCluster;
import dev.workflowrun.domain.testing.Scenarios;
import dev.workflowrun.domain.variables.RunId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The paths {@link RunScenarioInvariantsTest} does not walk: a signal between two checks, a store
 * and a fallback that both fail, a retry that keeps colliding, a secret in every file. Each test
 * names the invariant of DESIGN.md it holds.
 */
class RunScenarioEveryPathTest {

    private static final WorkflowVerdict PASSED = WorkflowVerdict.of(Outcome.PASSED, "every task exited 0");
    private static final WorkflowVerdict TASK_FAILED = WorkflowVerdict.decidedBy(Outcome.TASK_FAILED, "run-release-test", "exited 1");
    private static final String SECRET = "s3cr3t-faucet-value";
    private static final String PREFIX = "nightly/release-test/nightly-42/";

    /** The release-test scenario with one secret placeholder used in a task's script. */
    private static final String WITH_SECRET = Scenarios.RELEASE_TEST
            .replace("#   $SEITASK_IMAGE          seitask task image\n",
                    "#   $SEITASK_IMAGE          seitask task image\n#   $FAUCET_TOKEN           token of the chain's faucet\n")
            .replace("echo cost $$5", "echo cost $$5 $FAUCET_TOKEN");

    private static RunScenario useCase(RunFixture f, ReadManifestPort manifests, WorkflowClusterPort cluster) {
        return new RunScenario(new RunPorts(f.source, manifests, cluster, f.store, f.fallback, Optional.empty(), f.lintRules, f.clock));
    }

    private static RunFixture withSecret() {
        RunFixture f = new RunFixture();
        f.source.put("scenarios/release-test.yaml", WITH_SECRET);
        f.vars.put("FAUCET_TOKEN", SECRET);
        return f;
    }

    @Nested
    class Invariant1_ASignalBetweenTwoChecksStopsBeforeApply {

        @Test
        void aSignalDuringRenderStopsBeforeLintAndDriftAreEvenConsulted() {
            RunFixture f = new RunFixture();
            AtomicInteger linted = new AtomicInteger();
            f.lintRules.add(ctx -> {
                linted.incrementAndGet();
                return List.of();
            });
            ReadManifestPort cancelling = new Delegating(new FakeManifestReader()) {
                @Override
                public ParsedManifest read(String yaml) {
                    f.cancellation.cancel("SIGTERM");
                    return super.read(yaml);
                }
            };

            RunResult result = useCase(f, cancelling, f.cluster).run(f.command(), f.cancellation, f.events::add);

            assertThat(linted).hasValue(0);
            assertThat(f.cluster.applies()).isZero();
            assertThat(result.outcome()).contains(Outcome.INTERRUPTED);
            assertThat(result.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(result.reason()).contains("SIGTERM", "nothing was applied");
        }

        @Test
        void aSignalDuringTheChecksStopsBeforeApply() {
            RunFixture f = new RunFixture();
            f.lintRules.add(ctx -> {
                f.cancellation.cancel("SIGTERM");
                return List.of();
            });

            RunResult result = f.run();

            assertThat(f.cluster.calls()).noneMatch(c -> c.startsWith("apply"));
            assertThat(result.applied()).isFalse();
            assertThat(result.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        }

        @Test
        void aFailedFetchIsReportedAsAFetchFailureNotAsAnUnexpectedError() {
            RunFixture f = new RunFixture();
            f.source.failWith(new ScenarioFetchException(ScenarioFetchException.Reason.UNREACHABLE, "git daemon refused the connection"));

            RunResult result = f.run();

            assertThat(result.reason()).startsWith("fetch failed: ").contains("git daemon refused").doesNotContain("CompletionException");
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
        }

        @Test
        void anErrorDuringFetchIsNotSwallowed() {
            RunFixture f = new RunFixture();
            f.source.blockWith(() -> {
                throw new LinkageError("a class of the git client is corrupt");
            });

            assertThatThrownBy(f::run).isInstanceOf(LinkageError.class).hasMessageContaining("corrupt");
            assertThat(f.cluster.applies()).isZero();
        }

        @Test
        void theFetchRunsOnADaemonThreadSoAHangingGitServerCannotKeepTheProcessAlive() {
            RunFixture f = new RunFixture().finishing(PASSED);
            AtomicBoolean daemon = new AtomicBoolean();
            f.source.blockWith(() -> daemon.set(Thread.currentThread().isDaemon()));

            f.run();

            assertThat(daemon).isTrue();
        }

        @Test
        void anInterruptedRunnerThreadStopsBeforeApplyAndKeepsItsInterruptFlag() {
            RunFixture f = new RunFixture();
            CountDownLatch release = new CountDownLatch(1);
            f.source.blockWith(release::await);
            RunResult result;
            boolean stillInterrupted;
            Thread.currentThread().interrupt();
            try {
                result = f.run();
            } finally {
                stillInterrupted = Thread.interrupted();
                release.countDown();
            }

            assertThat(stillInterrupted).isTrue();
            assertThat(result.outcome()).contains(Outcome.INTERRUPTED);
            assertThat(f.cluster.applies()).isZero();
        }

        @Test
        void aScenarioThatStartsWithANulByteIsRefusedAsNotText() {
            RunFixture f = new RunFixture();
            f.source.put("scenarios/release-test.yaml", "\0" + Scenarios.RELEASE_TEST);

            RunResult result = f.run();

            assertThat(result.reason()).contains("not text", "NUL");
            assertThat(f.cluster.calls()).isEmpty();
        }

        @Test
        void aWorkflowThatAsksForAnotherNamespaceIsRefused() {
            RunFixture f = new RunFixture();
            f.source.put("scenarios/release-test.yaml", Scenarios.RELEASE_TEST.replace("namespace: $SEI_NAMESPACE", "namespace: kube-system")
                    .replace("#   $SEI_NAMESPACE          namespace of workflow + provisioned SNDs\n", ""));

            RunResult result = f.run();

            assertThat(result.reason()).contains("asks for namespace 'kube-system'", "targets 'nightly'");
            assertThat(f.cluster.calls()).isEmpty();
        }

        @Test
        void aWorkflowWithoutANamespaceRunsInTheRunsNamespace() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.source.put("scenarios/release-test.yaml", Scenarios.RELEASE_TEST.replace("  namespace: $SEI_NAMESPACE\n", "")
                    .replace("#   $SEI_NAMESPACE          namespace of workflow + provisioned SNDs\n", ""));

            RunResult result = f.run();

            assertThat(result.exitCode()).isEqualTo(ExitCode.PASSED);
            assertThat(result.workflow()).map(WorkflowHandle::namespace).contains("nightly");
        }

        @Test
        void aRejectionBeforeApplyKeepsItsOutcome() {
            RunFixture f = new RunFixture();
            f.lintRules.add(ctx -> List.of(LintFinding.error("allowed-kinds", "a ClusterRole is not allowed")));

            RunResult result = f.run();

            assertThat(result.outcome()).contains(Outcome.INFRA_FAILED);
            assertThat(f.store.objects().get(PREFIX + "attempt-1/run.json")).contains("\"outcome\": \"INFRA_FAILED\"");
        }

        @Test
        void aLintWarningIsShownButDoesNotStopTheRun() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.lintRules.add(ctx -> List.of(LintFinding.warning("deadline-budget", "the tasks' deadlines add up to more than the entry's")));

            RenderResult rendered = f.useCase().render(f.command(), RunEventListener.NONE);
            RunResult result = f.run();

            assertThat(rendered.warnings()).extracting(LintFinding::rule).containsExactly("deadline-budget");
            assertThat(result.exitCode()).isEqualTo(ExitCode.PASSED);
        }

        @Test
        void theFilesADriftRuleNeedsAreFetchedAtTheSameCommit() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.driftRules.add(new DriftRule() {
                @Override
                public String name() {
                    return "expect-file charts/values.yaml";
                }

                @Override
                public List<String> pathsAtRef() {
                    return List.of("charts/values.yaml");
                }

                @Override
                public DriftFinding check(DriftContext context) {
                    return DriftFinding.holds(name(), "present", "present");
                }
            });

            f.run();

            assertThat(f.source.requests()).singleElement().satisfies(r -> assertThat(r.extraPaths()).containsExactly("charts/values.yaml"));
        }

        @Test
        void aScenarioNameOrNamespaceThatIsNoDnsLabelIsRefusedByTheCommand() {
            ScenarioRef ref = new ScenarioRef("github.com/sei-protocol/sei-k8s-controller", "main", "scenarios/release-test.yaml");
            assertThatThrownBy(() -> RunScenarioCommand.of("Release_Test", ref, new RunId("nightly-42"), "nightly", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scenario name");
            assertThatThrownBy(() -> RunScenarioCommand.of("release-test", ref, new RunId("nightly-42"), "Nightly_NS", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("namespace");
        }
    }

    @Nested
    class Invariant2_CleanupIsToldWhyTheWorkflowIsAborted {

        private List<String> abortReasons(RunFixture f, RunResult[] result) {
            Recording cluster = new Recording(f.cluster);
            result[0] = useCase(f, new FakeManifestReader(), cluster).run(f.command(), f.cancellation, f.events::add);
            return cluster.abortReasons;
        }

        @Test
        void aTimedOutRunIsAbortedForItsHardDeadline() {
            RunFixture f = new RunFixture();
            f.cluster.then(f.cluster.runPastLimit()).then(f.cluster.runPastLimit());
            RunResult[] result = new RunResult[1];

            assertThat(abortReasons(f, result)).containsExactly("hard-deadline");
            assertThat(result[0].exitCode()).isEqualTo(ExitCode.TIMED_OUT);
        }

        @Test
        void anInterruptedRunIsAbortedAsInterrupted() {
            RunFixture f = new RunFixture();
            f.cluster.then((until, cancellation) -> {
                cancellation.cancel("SIGTERM");
                return new AwaitResult.Cancelled("SIGTERM");
            });
            RunResult[] result = new RunResult[1];

            assertThat(abortReasons(f, result)).containsExactly("interrupted");
            assertThat(result[0].exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        }

        @Test
        void aFinishedRunIsStoppedNotAborted() {
            RunFixture f = new RunFixture().finishing(TASK_FAILED);
            RunResult[] result = new RunResult[1];

            assertThat(abortReasons(f, result)).containsExactly("stopped");
            assertThat(result[0].exitCode()).isEqualTo(ExitCode.TASK_FAILED);
        }

        @Test
        void aSignalDuringApplyIsSeenBeforeTheWaitAndTheWorkflowIsAbortedAsInterrupted() {
            RunFixture f = new RunFixture();
            Recording cluster = new Recording(f.cluster) {
                @Override
                public ApplyResult applyOrAdopt(WorkflowHandle handle, String renderedYaml) {
                    ApplyResult applied = super.applyOrAdopt(handle, renderedYaml);
                    f.cancellation.cancel("SIGTERM");
                    return applied;
                }
            };

            RunResult result = useCase(f, new FakeManifestReader(), cluster).run(f.command(), f.cancellation, f.events::add);

            assertThat(f.cluster.calls()).containsExactly("apply release-test-nightly-42", "capture (workflow present)", "cleanUp");
            assertThat(cluster.abortReasons).containsExactly("interrupted");
            assertThat(result.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(result.reason()).contains("SIGTERM");
        }

        @Test
        void aPassWhoseCleanupFailedSaysSoInItsReason() {
            RunFixture failing = new RunFixture().finishing(PASSED);
            failing.cluster.failCleanup(new IllegalStateException("the API server went away"));
            RunFixture clean = new RunFixture().finishing(PASSED);

            RunResult left = failing.run();
            RunResult tidy = clean.run();

            assertThat(left.outcome()).contains(Outcome.INFRA_FAILED);
            assertThat(left.reason()).contains("every task exited 0", "cleanup left objects behind");
            assertThat(left.events()).anyMatch(e -> e.state().equals("CleanedUp") && e.message().contains("Workflow NOT confirmed deleted"));
            assertThat(tidy.reason()).isEqualTo("every task exited 0");
            assertThat(tidy.events()).anyMatch(e -> e.message().startsWith("abort requested; Workflow deleted; swept 0 leftover(s)"));
        }
    }

    @Nested
    class Invariant4_PublishedOnEveryPathEvenWhenStoreAndFallbackFail {

        @Test
        void aTaskFailureThatCouldNotBePublishedToTheStoreIsAnInfraFailure() {
            RunFixture f = new RunFixture().finishing(TASK_FAILED);
            f.store.failing();

            RunResult result = f.run();

            assertThat(result.outcome()).contains(Outcome.INFRA_FAILED);
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
            assertThat(result.reason()).contains("exited 1", "could not be published to the store");
            assertThat(result.publishedToFallback()).isTrue();
            assertThat(f.fallback.objects()).containsKey(PREFIX + "attempt-1/run.json");
        }

        @Test
        void aTimeoutKeepsItsOutcomeWhenOnlyTheStoreFailed() {
            RunFixture f = new RunFixture();
            f.cluster.then(f.cluster.runPastLimit()).then(f.cluster.runPastLimit());
            f.store.failing();

            RunResult result = f.run();

            assertThat(result.outcome()).contains(Outcome.TIMED_OUT);
            assertThat(result.exitCode()).isEqualTo(ExitCode.TIMED_OUT);
            assertThat(result.publishedToFallback()).isTrue();
        }

        @Test
        void aUsageErrorKeepsExit64WhenOnlyTheStoreFailed() {
            RunFixture f = new RunFixture();
            f.vars.remove("SEID_IMAGE");
            f.store.failing();

            RunResult result = f.run();

            assertThat(result.outcome()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(f.fallback.objects()).containsKey(PREFIX + "attempt-1/run.json");
        }

        @Test
        void whenTheFallbackFailsTooAPassIsAnInfraFailureAndTheLossIsSaid() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.store.failing();
            f.fallback.failing();

            RunResult result = f.run();

            assertThat(result.published()).isEmpty();
            assertThat(result.publishedToFallback()).isTrue();
            assertThat(result.outcome()).contains(Outcome.INFRA_FAILED);
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
            assertThat(result.problems()).anyMatch(p -> p.startsWith("publication failed: "))
                    .anyMatch(p -> p.startsWith("fallback failed: "));
            assertThat(f.store.attempts()).isZero();
            assertThat(f.fallback.attempts()).isZero();
        }

        @Test
        void whenTheFallbackFailsTooAnInterruptedRunStaysInterrupted() {
            RunFixture f = new RunFixture();
            f.cluster.then((until, cancellation) -> new AwaitResult.Cancelled("SIGTERM"));
            f.store.failing();
            f.fallback.failing();

            RunResult result = f.run();

            assertThat(result.outcome()).contains(Outcome.INTERRUPTED);
            assertThat(result.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(result.published()).isEmpty();
        }

        @Test
        void whenTheFallbackFailsTooAUsageErrorStaysAUsageError() {
            RunFixture f = new RunFixture();
            f.vars.remove("SEID_IMAGE");
            f.store.failing();
            f.fallback.failing();

            RunResult result = f.run();

            assertThat(result.outcome()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        }

        @Test
        void whenTheFallbackFailsTooATimeoutStaysATimeout() {
            RunFixture f = new RunFixture();
            f.cluster.then(f.cluster.runPastLimit()).then(f.cluster.runPastLimit());
            f.store.failing();
            f.fallback.failing();

            RunResult result = f.run();

            assertThat(result.exitCode()).isEqualTo(ExitCode.TIMED_OUT);
        }
    }

    @Nested
    class Invariant7_EachAttemptUnderItsOwnNumber {

        @Test
        void twoNumbersTakenMeanwhileAreSkippedAndTheThirdIsUsed() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.store.unlisted().holding(PREFIX + "attempt-1/rendered.yaml", "first writer")
                    .holding(PREFIX + "attempt-2/rendered.yaml", "second writer");

            RunResult result = f.run();

            assertThat(result.attempt()).isEqualTo(3);
            assertThat(result.bundlePrefix()).isEqualTo(PREFIX + "attempt-3/");
            assertThat(result.publishedToFallback()).isFalse();
            assertThat(f.store.objects()).containsKey(PREFIX + "attempt-3/run.json")
                    .containsEntry(PREFIX + "attempt-1/rendered.yaml", "first writer")
                    .containsEntry(PREFIX + "attempt-2/rendered.yaml", "second writer");
        }

        @Test
        void afterThreeCollisionsTheStoreIsGivenUpAndTheFallbackKeepsTheBundle() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.store.unlisted().holding(PREFIX + "attempt-1/rendered.yaml", "a")
                    .holding(PREFIX + "attempt-2/rendered.yaml", "b")
                    .holding(PREFIX + "attempt-3/rendered.yaml", "c");

            RunResult result = f.run();

            assertThat(f.store.attempts()).isEqualTo(3);
            assertThat(f.store.objects()).doesNotContainKey(PREFIX + "attempt-4/run.json");
            assertThat(result.publishedToFallback()).isTrue();
            assertThat(f.fallback.objects()).containsKey(PREFIX + "attempt-1/run.json");
        }

        @Test
        void theJournalSaysWhichAttemptsCameBefore() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.store.holding(PREFIX + "attempt-1/run.json", "{\n  \"outcome\": \"INFRA_FAILED\"\n}")
                    .holding(PREFIX + "attempt-2/orchestrator.log", "cut short");

            RunResult result = f.run();

            assertThat(result.events()).anyMatch(e -> e.message().contains("(earlier: 1 INFRA_FAILED, 2 (no run.json: cut short))"));
        }
    }

    @Nested
    class Invariant9_NoSecretInAnythingTheRunWrites {

        @Test
        void aSecretIsInNoFileOfTheBundleNorInTheResult() {
            RunFixture f = withSecret().finishing(PASSED);
            f.cluster.failCapture(new IllegalStateException("pod log said " + SECRET));

            RunResult result = f.run();

            assertThat(result.exitCode()).isEqualTo(ExitCode.PASSED);
            assertThat(f.store.objects()).isNotEmpty();
            assertThat(f.store.objects().values()).noneMatch(text -> text.contains(SECRET));
            assertThat(f.store.objects().get(PREFIX + "attempt-1/rendered.yaml")).contains("<secret FAUCET_TOKEN>");
            assertThat(f.store.objects().get(PREFIX + "attempt-1/run.json")).doesNotContain(SECRET);
            assertThat(result.snapshot()).hasValueSatisfying(s -> assertThat(s.problems()).isNotEmpty().noneMatch(p -> p.contains(SECRET)));
            assertThat(result.events()).noneMatch(e -> e.message().contains(SECRET));
            assertThat(result.variables()).containsEntry("FAUCET_TOKEN", "***");
        }

        @Test
        void aSecretInACleanupFailureIsScrubbedFromTheProblems() {
            RunFixture f = withSecret().finishing(PASSED);
            f.cluster.failCleanup(new IllegalStateException("denied for token " + SECRET));

            RunResult result = f.run();

            assertThat(result.problems()).anyMatch(p -> p.contains("denied for token")).noneMatch(p -> p.contains(SECRET));
            assertThat(f.store.objects().values()).noneMatch(text -> text.contains(SECRET));
        }
    }

    @Nested
    class WhatTheResultCarries {

        @Test
        void variablesRolesAndRequestCountsOfAnAppliedRun() {
            RunFixture f = new RunFixture().finishing(PASSED);

            RunResult result = f.run();

            assertThat(result.variables()).containsEntry("SEID_IMAGE", "ghcr.io/sei-protocol/seid:v6.1.0")
                    .containsEntry("SEI_WORKFLOW_RUN_ID", "nightly-42");
            assertThat(result.roles()).containsEntry("run-id", "SEI_WORKFLOW_RUN_ID").containsEntry("namespace", "SEI_NAMESPACE");
            assertThat(result.apiRequests()).isEqualTo(new ApiRequestCounts(Map.of("POST workflows", 1L)));
            assertThat(result.stateDurations()).containsKeys("Planned", "Fetched", "Rendered", "Verified", "Applied", "Waiting",
                    "Terminal", "Captured", "CleanedUp", "Publishing", "Finished");
        }

        @Test
        void aRunStoppedBeforeApplyCountsNoRequests() {
            RunFixture f = new RunFixture();
            f.vars.remove("SEID_IMAGE");

            RunResult result = f.run();

            assertThat(result.apiRequests()).isEqualTo(ApiRequestCounts.NONE);
            assertThat(f.store.objects().get(PREFIX + "attempt-1/run.json")).contains("REJECTED").doesNotContain(SECRET);
        }

        @Test
        void theWaitIsAnnouncedWithItsDeadlinesAndTheTimeOfApply() {
            RunFixture f = new RunFixture().finishing(PASSED);
            List<Deadlines> announced = new ArrayList<>();
            List<Instant> appliedAt = new ArrayList<>();
            RunEventListener listener = new RunEventListener() {
                @Override
                public void onEvent(RunEvent event) {
                }

                @Override
                public void onWaiting(Deadlines deadlines, Instant at) {
                    announced.add(deadlines);
                    appliedAt.add(at);
                }
            };

            RunResult result = f.useCase().run(f.command(), f.cancellation, listener);

            assertThat(announced).containsExactly(result.deadlines().orElseThrow());
            assertThat(appliedAt).containsExactly(f.clock.instant());
        }

        @Test
        void theRenderedStepSaysWhatItSubstituted() {
            RunFixture f = new RunFixture().finishing(PASSED);

            RunResult result = f.run();

            assertThat(result.events()).anyMatch(e -> e.state().equals("Rendered") && e.message().contains("substituted ")
                    && e.message().contains("SEID_IMAGE") && !e.message().contains("substituted nothing"));
        }
    }

    /** Passes every call through to a manifest reader; tests override what they need. */
    private static class Delegating implements ReadManifestPort {
        private final ReadManifestPort real;

        Delegating(ReadManifestPort real) {
            this.real = real;
        }

        @Override
        public ParsedManifest read(String yaml) {
            return real.read(yaml);
        }

        @Override
        public List<String> dataDifferences(String expectedYaml, String actualYaml) {
            return real.dataDifferences(expectedYaml, actualYaml);
        }
    }

    /** The fake cluster, remembering why each cleanup was asked to abort. */
    private static class Recording implements WorkflowClusterPort {
        private final FakeWorkflowCluster real;
        final List<String> abortReasons = new ArrayList<>();

        Recording(FakeWorkflowCluster real) {
            this.real = real;
        }

        @Override
        public void checkReachable(String namespace) {
            real.checkReachable(namespace);
        }

        @Override
        public ApplyResult applyOrAdopt(WorkflowHandle handle, String renderedYaml) {
            return real.applyOrAdopt(handle, renderedYaml);
        }

        @Override
        public AwaitResult awaitTerminal(WorkflowHandle handle, Instant until, Cancellation cancellation, ProgressListener progress) {
            return real.awaitTerminal(handle, until, cancellation, progress);
        }

        @Override
        public TerminalSnapshot capture(WorkflowHandle handle, CaptureOptions options) {
            return real.capture(handle, options);
        }

        @Override
        public CleanupReport cleanUp(WorkflowHandle handle, Duration bound, String abortReason) {
            abortReasons.add(abortReason);
            return real.cleanUp(handle, bound, abortReason);
        }

        @Override
        public ApiRequestCounts requestCounts() {
            return real.requestCounts();
        }
    }
}
