package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.ApplyResult;
import dev.workflowrun.domain.cluster.ClusterException;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.drift.RefImageRule;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.testing.FakeWorkflowCluster;
import dev.workflowrun.domain.testing.InMemoryArtifactStore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One nested class per invariant of DESIGN.md; each test fails if its invariant is broken. */
class RunScenarioInvariantsTest {

    private static final WorkflowVerdict PASSED = WorkflowVerdict.of(Outcome.PASSED, "every task exited 0");
    private static final WorkflowVerdict TASK_FAILED = WorkflowVerdict.decidedBy(Outcome.TASK_FAILED, "run-release-test", "exited 1");

    @Nested
    class Invariant1_NothingAppliedUnlessEveryCheckPassed {

        @Test
        void aBrokenDriftRuleStopsTheRunBeforeApplyWithExit2() {
            RunFixture f = new RunFixture();
            f.vars.put("SEITASK_IMAGE", "ghcr.io/sei-protocol/seitask:0000000deadbeef");
            f.driftRules.add(new RefImageRule("SEITASK_IMAGE"));

            RunResult result = f.run();

            assertThat(f.cluster.calls()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
            assertThat(result.reason()).contains("expect-ref-image SEITASK_IMAGE", "0000000deadbeef", InMemoryFixtureCommit.SHORT);
        }

        @Test
        void aLintErrorStopsTheRunBeforeApply() {
            RunFixture f = new RunFixture();
            f.lintRules.add(ctx -> List.of(LintFinding.error("config-map-ref", "workflow-vars-nightly-42 should be workflow-vars-release-test-nightly-42")));

            RunResult result = f.run();

            assertThat(f.cluster.calls()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
            assertThat(result.reason()).contains("config-map-ref");
        }

        @Test
        void aMissingVariableIsAUsageErrorAndNothingIsApplied() {
            RunFixture f = new RunFixture();
            f.vars.remove("SEID_IMAGE");

            RunResult result = f.run();

            assertThat(f.cluster.calls()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(result.reason()).contains("SEID_IMAGE", "no value", "--var SEID_IMAGE=<image>");
        }

        @Test
        void anUndeclaredVariableIsAUsageError() {
            RunFixture f = new RunFixture();
            f.vars.put("RELEASE_TEST_IMAGE", "ghcr.io/sei-protocol/release-test:v1");

            RunResult result = f.run();

            assertThat(f.cluster.calls()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(result.reason()).contains("RELEASE_TEST_IMAGE", "is not declared");
        }

        @Test
        void aFailedFetchIsAnInfraFailureAndNothingIsApplied() {
            RunFixture f = new RunFixture();
            f.source.failWith(new ScenarioFetchException(ScenarioFetchException.Reason.REF_NOT_FOUND, "ref 'nope' not found in repo"));

            RunResult result = f.run();

            assertThat(f.cluster.calls()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
            assertThat(result.reason()).contains("ref 'nope' not found");
        }

        @Test
        void aCancellationBeforeApplyAppliesNothing() {
            RunFixture f = new RunFixture();
            f.cancellation.cancel("SIGTERM");

            RunResult result = f.run();

            assertThat(f.cluster.calls()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
        }

        @Test
        void aCancellationDuringAHangingFetchStopsAtOnceAndAppliesNothing() throws Exception {
            RunFixture f = new RunFixture();
            java.util.concurrent.CountDownLatch fetching = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
            f.source.blockWith(() -> {
                fetching.countDown();
                never.await();
            });
            CompletableFuture<RunResult> running = CompletableFuture.supplyAsync(f::run);
            assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();
            f.cancellation.cancel("SIGTERM");
            RunResult result = running.get(10, TimeUnit.SECONDS);
            assertThat(result.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(f.cluster.calls()).isEmpty();
            assertThat(f.store.objects()).containsKey("nightly/release-test/nightly-42/attempt-1/run.json");
        }

        @Test
        void anEmptyScenarioIsRefusedBeforeApply() {
            RunFixture f = new RunFixture();
            f.source.put("scenarios/release-test.yaml", "\n\n");
            RunResult result = f.run();
            assertThat(f.cluster.calls()).isEmpty();
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
            assertThat(result.reason()).contains("scenarios/release-test.yaml at commit", "is empty; is --scenario-path right?");
        }

        @Test
        void whenEveryCheckPassesTheWorkflowIsApplied() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.driftRules.add(new RefImageRule("SEITASK_IMAGE"));

            RunResult result = f.run();

            assertThat(f.cluster.calls()).first().isEqualTo("apply release-test-nightly-42");
            assertThat(result.exitCode()).isEqualTo(ExitCode.PASSED);
        }
    }

    @Nested
    class Invariant2_CleanupExactlyOnceOnEveryPathAfterApply {

        @Test
        void onPass() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.run();
            assertThat(f.cluster.count("cleanUp")).isEqualTo(1);
        }

        @Test
        void onTaskFailure() {
            RunFixture f = new RunFixture().finishing(TASK_FAILED);
            f.run();
            assertThat(f.cluster.count("cleanUp")).isEqualTo(1);
        }

        @Test
        void onHardDeadline() {
            RunFixture f = new RunFixture();
            f.cluster.then(f.cluster.runPastLimit()).then(f.cluster.runPastLimit());
            f.run();
            assertThat(f.cluster.count("cleanUp")).isEqualTo(1);
        }

        @Test
        void whenAwaitThrows() {
            RunFixture f = new RunFixture();
            f.cluster.failAwait(new ClusterException("connection refused"));
            RunResult result = f.run();
            assertThat(f.cluster.count("cleanUp")).isEqualTo(1);
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
        }

        @Test
        void whenApplyThrowsAfterCreatingSomething() {
            RunFixture f = new RunFixture();
            f.cluster.failApply(new ClusterException("stream reset after create"));
            RunResult result = f.run();
            assertThat(f.cluster.calls()).containsExactly("apply release-test-nightly-42", "capture (workflow present)", "cleanUp");
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
            assertThat(f.cluster.exists("release-test-nightly-42")).isFalse();
        }

        @Test
        void whenCaptureThrows() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.cluster.failCapture(new ClusterException("list pods: 500"));
            RunResult result = f.run();
            assertThat(f.cluster.count("cleanUp")).isEqualTo(1);
            assertThat(result.problems()).anyMatch(p -> p.contains("capture failed: list pods: 500"));
        }

        @Test
        void onSigtermWhileWaiting() throws Exception {
            RunFixture f = new RunFixture();
            f.cluster.then(FakeWorkflowCluster.untilCancelled());
            CompletableFuture<RunResult> running = CompletableFuture.supplyAsync(f::run);
            awaitCall(f, "await");
            f.cancellation.cancel("SIGTERM");
            RunResult result = running.get(10, TimeUnit.SECONDS);
            assertThat(f.cluster.count("cleanUp")).isEqualTo(1);
            assertThat(result.exitCode()).isEqualTo(ExitCode.INTERRUPTED);
            assertThat(f.store.objects()).containsKey("nightly/release-test/nightly-42/attempt-1/run.json");
        }

        @Test
        void aFailingCleanupTurnsAPassIntoAnInfraFailure() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.cluster.failCleanup(new ClusterException("delete timed out"));
            RunResult result = f.run();
            assertThat(f.cluster.count("cleanUp")).isEqualTo(1);
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
        }
    }

    @Nested
    class Invariant3_CaptureBeforeAnythingIsDeleted {

        @Test
        void captureComesBeforeCleanupOnPass() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.run();
            assertThat(f.cluster.calls()).containsExactly("apply release-test-nightly-42", "await", "capture (workflow present)", "cleanUp");
        }

        @Test
        void captureComesBeforeCleanupOnTimeout() {
            RunFixture f = new RunFixture();
            f.cluster.then(f.cluster.runPastLimit()).then(f.cluster.runPastLimit());
            f.run();
            List<String> calls = f.cluster.calls();
            assertThat(calls.indexOf("capture (workflow present)")).isLessThan(calls.indexOf("cleanUp"));
        }

        @Test
        void theCapturedFilesAreInTheBundle() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.run();
            assertThat(f.store.objects()).containsKey("nightly/release-test/nightly-42/attempt-1/workflow.yaml");
        }
    }

    @Nested
    class Invariant4_PublishedOnEveryPathWithAFallback {

        @Test
        void aPassingRunPublishesItsBundleWithRunJsonLast() {
            RunFixture f = new RunFixture().finishing(PASSED);
            RunResult result = f.run();
            assertThat(f.store.writeOrder()).last().isEqualTo("nightly/release-test/nightly-42/attempt-1/run.json");
            assertThat(f.store.objects()).containsKeys("nightly/release-test/nightly-42/attempt-1/rendered.yaml",
                    "nightly/release-test/nightly-42/attempt-1/orchestrator.log");
            assertThat(result.published()).isPresent();
            assertThat(result.publishedToFallback()).isFalse();
        }

        @Test
        void aFailingStoreSendsTheBundleToTheFallbackAndReportsInfraFailure() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.store.failing();
            RunResult result = f.run();
            assertThat(f.fallback.objects()).containsKey("nightly/release-test/nightly-42/attempt-1/run.json");
            assertThat(f.fallback.objects().get("nightly/release-test/nightly-42/attempt-1/run.json"))
                    .contains("\"publishedToFallback\": true", "\"exitCode\": 2");
            assertThat(result.publishedToFallback()).isTrue();
            assertThat(result.published().orElseThrow().uri()).startsWith("fallback://");
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
        }

        @Test
        void aStoreWhoseClientThrowsAnErrorSendsTheBundleToTheFallback() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.store.crashingWith(new NoClassDefFoundError("software/amazon/awssdk/services/s3/model/PutObjectRequest"));
            RunResult result = f.run();
            assertThat(f.fallback.objects()).containsKey("nightly/release-test/nightly-42/attempt-1/run.json");
            assertThat(f.fallback.objects().get("nightly/release-test/nightly-42/attempt-1/run.json"))
                    .contains("\"publishedToFallback\": true", "\"exitCode\": 2", "NoClassDefFoundError");
            assertThat(result.publishedToFallback()).isTrue();
            assertThat(result.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
        }

        @Test
        void aRunStoppedBeforeApplyIsPublishedToo() {
            RunFixture f = new RunFixture();
            f.vars.remove("SEID_IMAGE");
            f.run();
            assertThat(f.store.objects().get("nightly/release-test/nightly-42/attempt-1/run.json")).contains("\"outcome\": \"REJECTED\"", "\"exitCode\": 64");
        }

        @Test
        void aRunWhoseAwaitThrewIsPublished() {
            RunFixture f = new RunFixture();
            f.cluster.failAwait(new ClusterException("watch closed"));
            f.run();
            assertThat(f.store.objects()).containsKey("nightly/release-test/nightly-42/attempt-1/run.json");
        }
    }

    @Nested
    class Invariant5_SoftDeadlineWarnsOnceHardDeadlineAborts {

        @Test
        void theSoftDeadlineWarnsExactlyOnceAcrossManyWaits() {
            RunFixture f = new RunFixture();
            // soft passes, then two more waits run into the (not yet reached) hard limit in small steps
            f.cluster.then(f.cluster.runPastLimit())
                    .then((until, c) -> {
                        f.clock.advance(Duration.ofMinutes(1));
                        return new dev.workflowrun.domain.cluster.AwaitResult.StillRunning();
                    })
                    .then((until, c) -> {
                        f.clock.advance(Duration.ofMinutes(1));
                        return new dev.workflowrun.domain.cluster.AwaitResult.StillRunning();
                    })
                    .then(FakeWorkflowCluster.finish(PASSED));
            RunResult result = f.run();
            assertThat(f.warnings()).filteredOn(w -> w.startsWith("soft deadline")).hasSize(1);
            assertThat(result.softDeadlineWarned()).isTrue();
            assertThat(result.exitCode()).isEqualTo(ExitCode.PASSED);
        }

        @Test
        void theHardDeadlineTimesTheRunOut() {
            RunFixture f = new RunFixture();
            f.cluster.then(f.cluster.runPastLimit()).then(f.cluster.runPastLimit());
            RunResult result = f.run();
            assertThat(result.outcome()).contains(Outcome.TIMED_OUT);
            assertThat(result.exitCode()).isEqualTo(ExitCode.TIMED_OUT);
            assertThat(result.reason()).contains("hard deadline 1h10m passed");
        }

        @Test
        void deadlinesDefaultToTheEntryDeadlinePlusAMargin() {
            RunFixture f = new RunFixture().finishing(PASSED);
            RunResult result = f.run();
            assertThat(result.deadlines().orElseThrow().soft()).isEqualTo(Duration.ofMinutes(60));
            assertThat(result.deadlines().orElseThrow().hard()).isEqualTo(Duration.ofMinutes(70));
        }

        @Test
        void aRunThatFinishesBeforeTheSoftDeadlineIsNotWarned() {
            RunFixture f = new RunFixture().finishing(PASSED);
            f.run();
            assertThat(f.warnings()).noneMatch(w -> w.startsWith("soft deadline"));
        }
    }

    @Nested
    class Invariant6_ExitCodeIsAFunctionOfTheOutcome {

        @Test
        void eachOutcomeHasItsDocumentedCode() {
            assertThat(ExitCode.of(Outcome.PASSED).code()).isZero();
            assertThat(ExitCode.of(Outcome.TASK_FAILED).code()).isEqualTo(1);
            assertThat(ExitCode.of(Outcome.INFRA_FAILED).code()).isEqualTo(2);
            assertThat(ExitCode.of(Outcome.TIMED_OUT).code()).isEqualTo(3);
            assertThat(ExitCode.of(Outcome.INTERRUPTED).code()).isEqualTo(4);
            assertThat(ExitCode.USAGE.code()).isEqualTo(64);
        }

        @Test
        void theRunsExitCodeFollowsTheVerdict() {
            RunFixture f = new RunFixture().finishing(TASK_FAILED);
            RunResult result = f.run();
            assertThat(result.exitCode()).isEqualTo(ExitCode.of(result.outcome().orElseThrow()));
            assertThat(result.decidingTask()).contains("run-release-test");
        }
    }

    @Nested
    class Invariant7_ARetryAdoptsTheExistingWorkflow {

        @Test
        void aSecondRunWithTheSameRunIdAdoptsInsteadOfApplying() {
            RunFixture f = new RunFixture().finishing(PASSED);
            // A first attempt applied the Workflow and was killed before it could clean up.
            f.cluster.applyOrAdopt(new WorkflowHandle("nightly", "release-test-nightly-42", "release-test", "nightly-42"), "");

            RunResult retry = f.run();

            assertThat(retry.applyResult()).contains(ApplyResult.ADOPTED);
            assertThat(f.cluster.applies()).isEqualTo(1);
            assertThat(retry.events()).anyMatch(e -> e.message().contains("adopted the existing Workflow"));
            assertThat(retry.exitCode()).isEqualTo(ExitCode.PASSED);
        }

        @Test
        void aRetryPublishesUnderItsOwnAttemptAndNeverOverwritesTheOneBefore() {
            RunFixture f = new RunFixture().finishing(PASSED);
            String before = "{\n  \"outcome\": \"INFRA_FAILED\",\n  \"reason\": \"the node was drained\"\n}";
            f.store.holding("nightly/release-test/nightly-42/attempt-1/run.json", before)
                    .holding("nightly/release-test/nightly-42/attempt-1/orchestrator.log", "first attempt's log")
                    .holding("nightly/release-test/nightly-42/attempt-2/orchestrator.log", "second attempt, killed before run.json");

            RunResult retry = f.run();

            assertThat(retry.attempt()).isEqualTo(3);
            assertThat(f.store.objects().get("nightly/release-test/nightly-42/attempt-1/run.json")).isEqualTo(before);
            assertThat(f.store.objects().get("nightly/release-test/nightly-42/attempt-1/orchestrator.log")).isEqualTo("first attempt's log");
            assertThat(f.store.objects()).containsKey("nightly/release-test/nightly-42/attempt-3/run.json");
            String runJson = f.store.objects().get("nightly/release-test/nightly-42/attempt-3/run.json");
            assertThat(runJson).contains("\"attempt\": 3", "\"outcome\": \"INFRA_FAILED\"", "\"attempt\": 2", "\"outcome\": \"NONE\"",
                    "cut short");
        }

        @Test
        void anAttemptNumberTakenMeanwhileIsLeftAloneAndTheNextOneIsUsed() {
            RunFixture f = new RunFixture().finishing(PASSED);
            // Not listed (another writer put it there after the listing): publish finds it and moves on.
            InMemoryArtifactStore racing = f.store.unlisted();
            racing.holding("nightly/release-test/nightly-42/attempt-1/rendered.yaml", "someone else's");
            RunResult result = f.run();

            assertThat(result.attempt()).isEqualTo(2);
            assertThat(racing.objects().get("nightly/release-test/nightly-42/attempt-1/rendered.yaml")).isEqualTo("someone else's");
            assertThat(result.events()).anyMatch(e -> e.message().contains("attempt 1 of run nightly-42 is already published"));
        }

        @Test
        void theRunIdAloneNamesTheWorkflowSoARetryFindsIt() {
            RunFixture first = new RunFixture();
            RunFixture second = new RunFixture();
            assertThat(first.command().workflowName()).isEqualTo(second.command().workflowName()).isEqualTo("release-test-nightly-42");
        }
    }

    private static void awaitCall(RunFixture f, String call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (f.cluster.count(call) == 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(f.cluster.count(call)).as("the run reached " + call).isPositive();
    }

    /** The fixture's commit, abbreviated as messages show it. */
    static final class InMemoryFixtureCommit {
        static final String SHORT = dev.workflowrun.domain.testing.InMemoryScenarioSource.COMMIT.substring(0, 12);
    }
}
