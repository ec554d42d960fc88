package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.ClusterException;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.report.RunReport;
import dev.workflowrun.domain.report.RunReports;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run leaves behind for a person and for {@code history}: {@code run.json}, the journal that
 * becomes {@code orchestrator.log}, and the bundle when the reports cannot be made.
 */
class RunRecordTest {

    private static final WorkflowVerdict PASSED = WorkflowVerdict.of(Outcome.PASSED, "every task exited 0");
    private static final String ATTEMPT_1 = "nightly/release-test/nightly-42/attempt-1/";

    @Test
    void runJsonHoldsWhatWasAppliedWaitedCapturedAndCleanedUp() {
        RunFixture f = new RunFixture().finishing(PASSED);

        RunResult result = f.run();
        String runJson = f.store.objects().get(ATTEMPT_1 + "run.json");

        assertThat(result.applied()).isTrue();
        assertThat(runJson).contains("\"workflow\": \"release-test-nightly-42\"", "\"apply\": \"APPLIED\"", "\"outcome\": \"PASSED\"",
                "\"soft\": \"", "\"hard\": \"", "\"softWarned\": false",
                "\"files\": 1", "\"nodes\": 3", "\"pods\": 2",
                "\"abortRequested\": true", "\"workflowDeleted\": true",
                "\"Applied\": ", "\"Waiting\": ", "\"Publishing\": ",
                "\"SEID_IMAGE\": \"ghcr.io/sei-protocol/seid:v6.1.0\"", "\"run-id\": \"SEI_WORKFLOW_RUN_ID\"");
        assertThat(RunSummary.json(result)).contains("\"outcome\": \"PASSED\"", "\"capture\": {", "\"cleanup\": {");
    }

    @Test
    void runJsonOfARunStoppedBeforeApplyHasNoCaptureNorCleanupAndSaysRejected() {
        RunFixture f = new RunFixture();
        f.vars.remove("SEID_IMAGE");

        RunResult result = f.run();

        assertThat(result.applied()).isFalse();
        assertThat(RunSummary.json(result)).contains("\"outcome\": \"REJECTED\"", "\"exitCode\": 64")
                .doesNotContain("\"capture\"", "\"cleanup\"", "\"soft\"");
        assertThat(result.events()).anyMatch(e -> e.message().contains("(REJECTED)"));
    }

    @Test
    void anEarlierAttemptWithoutRunJsonIsNotedAsCutShortAndOneWithItIsNot() {
        RunFixture f = new RunFixture().finishing(PASSED);
        f.store.holding("nightly/release-test/nightly-42/attempt-1/run.json", "{\n  \"outcome\": \"TIMED_OUT\"\n}")
                .holding("nightly/release-test/nightly-42/attempt-2/orchestrator.log", "killed");

        f.run();
        String runJson = f.store.objects().get("nightly/release-test/nightly-42/attempt-3/run.json");

        assertThat(runJson).contains("\"outcome\": \"TIMED_OUT\"", "\"outcome\": \"NONE\"");
        assertThat(runJson.split("the attempt was cut short", -1)).hasSize(2);
        assertThat(runJson).contains("\"attempt\": 2,\n      \"outcome\": \"NONE\",\n      \"note\": \"no run.json: the attempt was cut short");
    }

    @Test
    void theJournalBecomesOrchestratorLogLineByLine() {
        RunFixture f = new RunFixture().finishing(PASSED);

        RunResult result = f.run();
        String log = f.store.objects().get(ATTEMPT_1 + "orchestrator.log");

        assertThat(log).contains(" INFO  [Applied] applied Workflow ", " [Publishing] publishing attempt 1");
        assertThat(log.lines().count()).isGreaterThanOrEqualTo(result.events().size() - 1);
    }

    @Test
    void theJournalTimesEachStateUntilTheNextAndKnowsWhereItIs() {
        MutableClock clock = MutableClock.atEpochDay();
        List<RunEvent> seen = new ArrayList<>();
        java.time.Instant start = clock.instant();
        RunJournal journal = new RunJournal(clock, seen::add);

        clock.advance(Duration.ofSeconds(2));
        journal.enter("Fetched", "fetched");
        clock.advance(Duration.ofSeconds(5));
        journal.enter("Rendered", "rendered");
        journal.warn("a warning");
        clock.advance(Duration.ofSeconds(1));

        assertThat(journal.state()).isEqualTo("Rendered");
        assertThat(journal.entered("Fetched")).isTrue();
        assertThat(journal.entered("Applied")).isFalse();
        assertThat(journal.stateDurations()).containsExactly(Map.entry("Planned", Duration.ofSeconds(2)),
                Map.entry("Fetched", Duration.ofSeconds(5)), Map.entry("Rendered", Duration.ofSeconds(1)));
        assertThat(journal.toText()).isEqualTo(
                start.plusSeconds(2) + " INFO  [Fetched] fetched\n"
                        + start.plusSeconds(7) + " INFO  [Rendered] rendered\n"
                        + start.plusSeconds(7) + " WARN  [Rendered] a warning\n");
        assertThat(journal.toJsonLines()).startsWith("{").contains("\"level\":\"WARN\"").endsWith("}\n");
        assertThat(seen).hasSize(3);
    }

    @Test
    void aReportThatCannotBeMadeCostsTheReportNeverTheBundle() {
        RunFixture f = new RunFixture().finishing(PASSED);
        RunReports broken = record -> {
            throw new IllegalStateException("the template is missing");
        };
        RunPorts ports = new RunPorts(f.source, new FakeManifestReader(), f.cluster, f.store, f.fallback, Optional.empty(), f.lintRules, f.clock);

        RunResult result = new RunScenario(ports, RunJournal::toJsonLines, broken).run(f.command(), f.cancellation, f.events::add);

        assertThat(result.publishedToFallback()).isFalse();
        assertThat(result.exitCode()).isEqualTo(ExitCode.PASSED);
        assertThat(f.store.objects()).containsKeys(ATTEMPT_1 + "run.json", ATTEMPT_1 + "orchestrator.log");
        assertThat(f.store.objects().get(ATTEMPT_1 + "orchestrator.log")).startsWith("{\"time\":");
        assertThat(result.events()).anyMatch(e -> e.level() == RunEvent.Level.WARN && e.message().startsWith("the reports could not be made"));
    }

    @Test
    void aReportIsAddedToTheBundle() {
        RunFixture f = new RunFixture().finishing(PASSED);
        RunPorts ports = new RunPorts(f.source, new FakeManifestReader(), f.cluster, f.store, f.fallback, Optional.empty(), f.lintRules, f.clock);
        RunReports none = RunReports.NONE;

        new RunScenario(ports, RunJournal::toText, none).run(f.command(), f.cancellation, f.events::add);

        assertThat(RunReport.EMPTY.files()).isEmpty();
        assertThat(f.store.objects()).containsKey(ATTEMPT_1 + "rendered.yaml");
    }

    @Test
    void anUnreachableClusterAndAnUnexpectedErrorBeforeApplyAreBothInfraFailures() {
        RunFixture unreachable = new RunFixture();
        unreachable.cluster.failCheck(new ClusterException("connection refused"));
        RunFixture broken = new RunFixture();
        broken.cluster.failCheck(new IllegalStateException("a bug"));

        RunResult first = unreachable.run();
        RunResult second = broken.run();

        assertThat(first.reason()).startsWith("the cluster cannot be used: connection refused");
        assertThat(second.reason()).startsWith("unexpected error before apply: java.lang.IllegalStateException: a bug");
        assertThat(second.exitCode()).isEqualTo(ExitCode.INFRA_FAILED);
        assertThat(unreachable.store.objects()).containsKey(ATTEMPT_1 + "run.json");
        assertThat(broken.store.objects()).containsKey(ATTEMPT_1 + "run.json");
    }

    @Test
    void aScenarioWithoutAWorkflowIsRefusedSayingWhatItHolds() {
        RunFixture f = new RunFixture();
        f.vars.clear();
        f.source.put("scenarios/release-test.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");

        RunResult result = f.run();

        assertThat(result.reason()).contains("holds no Workflow (found v1/ConfigMap)");
        assertThat(f.cluster.calls()).isEmpty();
    }

    @Test
    void aLintErrorIsNotAlsoLoggedAsAWarning() {
        RunFixture f = new RunFixture();
        f.lintRules.add(ctx -> List.of(LintFinding.error("allowed-kinds", "a ClusterRole is not allowed")));

        RunResult result = f.run();

        assertThat(result.events()).noneMatch(e -> e.level() == RunEvent.Level.WARN && e.message().startsWith("lint:"));
    }

    @Test
    void theCleanupLineSaysExactlyWhatWasDone() {
        RunFixture f = new RunFixture().finishing(PASSED);

        RunResult result = f.run();

        assertThat(result.events()).filteredOn(e -> e.state().equals("CleanedUp")).extracting(RunEvent::message)
                .containsExactly("abort requested; Workflow deleted; swept 0 leftover(s)");
    }

    @Test
    void smallFactsOfTheRunModel() {
        RunFixture f = new RunFixture();
        RunScenarioCommand command = f.command();

        assertThat(ExitCode.TIMED_OUT.meaning()).isNotBlank();
        assertThat(RunState.plan(command, java.time.Instant.EPOCH).label()).isEqualTo("Planned");
        assertThat(command.withDeadlines(Optional.of(Duration.ofMinutes(5)), Optional.of(Duration.ofMinutes(9))).hardDeadline())
                .contains(Duration.ofMinutes(9));
        RunResult result = f.finishing(PASSED).run();
        assertThat(result.deadlines()).isPresent();
        RenderResult rendered = new RunFixture().useCase().render(new RunFixture().command(), RunEventListener.NONE);
        assertThat(rendered.plan().labels()).containsValue("nightly-42").containsValue("release-test");
    }

    @Test
    void aValueItsNameDoesNotSuitIsAcceptedWithAWarning() {
        RunFixture f = new RunFixture().finishing(PASSED);
        f.source.put("scenarios/release-test.yaml", dev.workflowrun.domain.testing.Scenarios.RELEASE_TEST
                .replace("#   $SEITASK_IMAGE          seitask task image\n",
                        "#   $SEITASK_IMAGE          seitask task image\n#   $SOAK_MINUTES           how long to soak\n")
                .replace("echo cost $$5", "echo cost $$5 $SOAK_MINUTES"));
        f.vars.put("SOAK_MINUTES", "ten");

        RunResult result = f.run();

        assertThat(result.exitCode()).isEqualTo(ExitCode.PASSED);
        assertThat(result.events()).anyMatch(e -> e.level() == RunEvent.Level.WARN && e.message().startsWith("$SOAK_MINUTES: its name suggests"));
    }
}
