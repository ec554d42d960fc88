package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.drift.DriftRule;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.testing.FakeWorkflowCluster;
import dev.workflowrun.domain.testing.InMemoryArtifactStore;
import dev.workflowrun.domain.testing.InMemoryScenarioSource;
import dev.workflowrun.domain.testing.MutableClock;
import dev.workflowrun.domain.testing.Scenarios;
import dev.workflowrun.domain.variables.RunId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The use case wired to in-memory fakes of every out-port. */
final class RunFixture {

    static final String IMAGE_TAG = InMemoryScenarioSource.COMMIT.substring(0, 12);

    final MutableClock clock = MutableClock.atEpochDay();
    final InMemoryScenarioSource source = new InMemoryScenarioSource().put("scenarios/release-test.yaml", Scenarios.RELEASE_TEST);
    final FakeWorkflowCluster cluster = new FakeWorkflowCluster(clock);
    final InMemoryArtifactStore store = new InMemoryArtifactStore("s3");
    final InMemoryArtifactStore fallback = new InMemoryArtifactStore("fallback");
    final List<ManifestCheck> lintRules = new ArrayList<>();
    final List<RunEvent> events = new ArrayList<>();
    final Map<String, String> vars = new HashMap<>(Map.of(
            "SEID_IMAGE", "ghcr.io/sei-protocol/seid:v6.1.0",
            "SEITASK_IMAGE", "ghcr.io/sei-protocol/seitask:" + IMAGE_TAG));
    final List<DriftRule> driftRules = new ArrayList<>();
    final Cancellation cancellation = new Cancellation();
    String runId = "nightly-42";

    RunScenario useCase() {
        RunPorts ports = new RunPorts(source, new FakeManifestReader(), cluster, store, fallback, Optional.empty(), lintRules, clock);
        return new RunScenario(ports);
    }

    RunScenarioCommand command() {
        return RunScenarioCommand.of("release-test",
                        new ScenarioRef("github.com/sei-protocol/sei-k8s-controller", "main", "scenarios/release-test.yaml"),
                        new RunId(runId), "nightly", vars)
                .withDriftRules(driftRules);
    }

    RunResult run() {
        return useCase().run(command(), cancellation, events::add);
    }

    RunFixture finishing(WorkflowVerdict verdict) {
        cluster.then(FakeWorkflowCluster.finish(verdict));
        return this;
    }

    List<String> warnings() {
        return events.stream().filter(e -> e.level() == RunEvent.Level.WARN).map(RunEvent::message).toList();
    }
}
