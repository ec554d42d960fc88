package dev.workflowrun.runner.report;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.cluster.ApiRequestCounts;
import dev.workflowrun.domain.cluster.ApplyResult;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.drift.DriftFinding;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.report.RunChecks;
import dev.workflowrun.domain.report.RunRecord;
import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.domain.run.RunResult;
import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.text.Scrubber;
import dev.workflowrun.domain.variables.RunId;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Run records as the use case hands them to the reports, built from a real captured tree (the sandbox's, for release-test). */
final class RunRecords {

    static final String SECRET_NAME = "ADMIN_TOKEN";
    /** Has '=' and '+', which the page's escaping would rewrite: the page must scrub before it escapes. */
    static final String SECRET = "s3cr3t+Tok=en/42";
    static final String FAILING_POD = "run-release-test-9zvc6-rm4cs";

    private RunRecords() {
    }

    static String tree() {
        try (InputStream in = RunRecords.class.getResourceAsStream("release-test-tree.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A release-test run whose Task run-release-test exited 1; its log and the reason carry the secret, as if a Task printed it. */
    static RunRecord taskFailed() {
        return record(Outcome.TASK_FAILED, Optional.of("run-release-test"),
                "Task run-release-test (pod " + FAILING_POD + ") container run-release-test exited 1 (Error): token " + SECRET + " refused",
                tree(), List.of("run-release-test: starting", "using token " + SECRET, "<b>not bold</b> & \"quoted\"", "run-release-test: simulated exit 1"));
    }

    static RunRecord passed() {
        return record(Outcome.PASSED, Optional.empty(), "every Task exited 0", tree().replace("exitCode: 1", "exitCode: 0").replace("\"Failed\"", "\"Succeeded\""),
                List.of("run-release-test: all good"));
    }

    /** Refused before apply: nothing ran, so every planned Task is skipped and the run itself carries the error. */
    static RunRecord refused() {
        RunScenarioCommand command = command();
        RunResult result = new RunResult(command, Optional.of(COMMIT), Optional.empty(), Optional.empty(), Optional.of(Outcome.INFRA_FAILED),
                ExitCode.INFRA_FAILED, Optional.empty(), "drift rule 'ref-image SEITASK_IMAGE' broken: expected tag 91ea4195c949, found v1",
                Map.of(), Map.of(), Optional.empty(), false, Optional.empty(), Optional.empty(), Map.of("Planned", Duration.ofMillis(120)),
                ApiRequestCounts.NONE, "sandbox/release-test/r1/attempt-1/", 1, List.of(), Optional.empty(), false, List.of(), STARTED,
                STARTED.plusSeconds(2), List.of());
        return new RunRecord(result, new RunChecks(true, false, List.of(), List.of(), TASKS, Map.of()), List.of("orchestrator.log", "rendered.yaml",
                "run.json"), Scrubber.none());
    }

    static final String COMMIT = "91ea4195c949541f6b4b3c357cb84a12c9ddc4c3";
    static final Instant STARTED = Instant.parse("2026-12-01T14:46:10Z");
    static final List<String> TASKS = List.of("keygen-admin", "provision-rpc-fleet", "provision-validator-chain", "run-release-test", "upload-report");

    static RunScenarioCommand command() {
        return RunScenarioCommand.of("release-test", new ScenarioRef("https://github.com/example/scenarios", "refs/heads/main",
                "scenarios/release-test.yaml"), new RunId("20261201-144501-77ca"), "sandbox", Map.of());
    }

    static RunRecord record(Outcome outcome, Optional<String> deciding, String reason, String tree, List<String> failingLog) {
        List<BundleFile> files = new ArrayList<>();
        files.add(BundleFile.yaml("workflow.yaml", "kind: Workflow\n"));
        files.add(BundleFile.yaml(CapturedTree.FILE, tree));
        for (String task : List.of("keygen-admin-4ndkn-m4gkk/keygen-admin", "provision-validator-chain-4vq2p-jlsdv/provision-validator-chain",
                "provision-rpc-fleet-dr8sq-bbdfj/provision-rpc-fleet", "upload-report-fshld-pwgzf/upload-report")) {
            files.add(BundleFile.text("logs/" + task + ".log", task + ": done\n"));
        }
        files.add(BundleFile.text("logs/" + FAILING_POD + "/run-release-test.log", String.join("\n", failingLog) + "\n"));
        RunScenarioCommand command = command();
        Map<String, Duration> durations = new LinkedHashMap<>();
        durations.put("Planned", Duration.ofMillis(272));
        durations.put("Waiting", Duration.ofMinutes(5));
        durations.put("Captured", Duration.ofMillis(200));
        RunResult result = new RunResult(command, Optional.of(COMMIT),
                Optional.of(new WorkflowHandle("sandbox", command.workflowName(), "release-test", command.runId().value())), Optional.of(ApplyResult.APPLIED),
                Optional.of(outcome), ExitCode.of(outcome), deciding, reason,
                Map.of("SEITASK_IMAGE", "ghcr.io/sandbox/seitask:91ea4195c949", SECRET_NAME, "***"), Map.of("run-id", "SEI_WORKFLOW_RUN_ID"),
                Optional.of(new Deadlines(Duration.ofMinutes(4), Duration.ofMinutes(6))), false,
                Optional.of(new TerminalSnapshot(files, 6, 5, List.of())), Optional.of(new CleanupReport(false, true, List.of(), List.of())),
                durations, new ApiRequestCounts(Map.of("GET workflows", 5L, "POST workflows", 1L)), "sandbox/release-test/20261201-144501-77ca/attempt-1/",
                1, List.of(), Optional.empty(), false, List.of(), STARTED, STARTED.plus(Duration.ofMinutes(5).plusSeconds(20)), List.of());
        RunChecks checks = new RunChecks(true, true, List.of(LintFinding.warning("pinned-images", "image busybox is not pinned")),
                List.of(DriftFinding.holds("ref-image SEITASK_IMAGE", "tag 91ea4195c949", "tag 91ea4195c949"),
                        DriftFinding.skipped("live-image SEID_IMAGE", "no cluster")),
                TASKS, Map.of("SEITASK_IMAGE", "ghcr.io/sandbox/seitask:91ea4195c949"));
        List<String> names = new ArrayList<>(files.stream().map(BundleFile::name).toList());
        names.addAll(List.of("orchestrator.log", "rendered.yaml", "run.json"));
        return new RunRecord(result, checks, names, Scrubber.of(Map.of(SECRET_NAME, SECRET)));
    }

    static String text(BundleFile file) {
        try (InputStream in = file.content().open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
