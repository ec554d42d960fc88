package dev.workflowrun.domain.run;

import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.drift.DriftRule;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.variables.RunId;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one run needs to know, validated on construction.
 *
 * @param scenario          the scenario name, a DNS-1123 label (e.g. {@code release-test})
 * @param runIdVariable     the placeholder that receives the run id when the scenario declares it
 * @param namespaceVariable the placeholder that receives the namespace when the scenario declares it
 * @param cleanupBound      how long the delete (and then the sweep) may wait
 */
public record RunScenarioCommand(
        String scenario,
        ScenarioRef scenarioRef,
        RunId runId,
        String namespace,
        Map<String, String> variables,
        Optional<Duration> softDeadline,
        Optional<Duration> hardDeadline,
        List<DriftRule> driftRules,
        String keyPrefixTemplate,
        CaptureOptions capture,
        Duration cleanupBound,
        String runIdVariable,
        String namespaceVariable) {

    public static final String DEFAULT_RUN_ID_VARIABLE = "SEI_WORKFLOW_RUN_ID";
    public static final String DEFAULT_NAMESPACE_VARIABLE = "SEI_NAMESPACE";
    public static final Duration DEFAULT_CLEANUP_BOUND = Duration.ofSeconds(60);

    public RunScenarioCommand {
        RunId.requireDnsLabel("the scenario name", scenario);
        Objects.requireNonNull(scenarioRef, "scenarioRef");
        Objects.requireNonNull(runId, "runId");
        RunId.requireDnsLabel("the namespace", namespace);
        runId.workflowName(scenario);
        variables = Map.copyOf(variables);
        Objects.requireNonNull(softDeadline, "softDeadline");
        Objects.requireNonNull(hardDeadline, "hardDeadline");
        driftRules = List.copyOf(driftRules);
        BundleLocation.expand(keyPrefixTemplate, scenario, runId, java.time.LocalDate.EPOCH);
        Objects.requireNonNull(capture, "capture");
        if (cleanupBound.isNegative() || cleanupBound.isZero()) {
            throw new IllegalArgumentException("the cleanup bound must be positive");
        }
        Objects.requireNonNull(runIdVariable, "runIdVariable");
        Objects.requireNonNull(namespaceVariable, "namespaceVariable");
    }

    /** A command with the defaults for everything but what names the scenario and the run. */
    public static RunScenarioCommand of(String scenario, ScenarioRef ref, RunId runId, String namespace, Map<String, String> variables) {
        return new RunScenarioCommand(scenario, ref, runId, namespace, variables, Optional.empty(), Optional.empty(), List.of(),
                BundleLocation.DEFAULT_TEMPLATE, CaptureOptions.DEFAULT, DEFAULT_CLEANUP_BOUND, DEFAULT_RUN_ID_VARIABLE,
                DEFAULT_NAMESPACE_VARIABLE);
    }

    public RunScenarioCommand withDeadlines(Optional<Duration> soft, Optional<Duration> hard) {
        return new RunScenarioCommand(scenario, scenarioRef, runId, namespace, variables, soft, hard, driftRules, keyPrefixTemplate,
                capture, cleanupBound, runIdVariable, namespaceVariable);
    }

    public RunScenarioCommand withDriftRules(List<DriftRule> rules) {
        return new RunScenarioCommand(scenario, scenarioRef, runId, namespace, variables, softDeadline, hardDeadline, rules,
                keyPrefixTemplate, capture, cleanupBound, runIdVariable, namespaceVariable);
    }

    /** Where a run that started at {@code startedAt} publishes: the one place the date in the key comes from. */
    public BundleLocation bundleLocation(java.time.Instant startedAt) {
        return BundleLocation.expand(keyPrefixTemplate, scenario, runId, java.time.LocalDate.ofInstant(startedAt, java.time.ZoneOffset.UTC));
    }

    public String workflowName() {
        return runId.workflowName(scenario);
    }
}
