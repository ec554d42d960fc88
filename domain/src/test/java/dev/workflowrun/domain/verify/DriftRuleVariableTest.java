package dev.workflowrun.domain.verify;

import dev.workflowrun.domain.drift.DriftContext;
import dev.workflowrun.domain.drift.DriftFinding;
import dev.workflowrun.domain.drift.DriftRule;
import dev.workflowrun.domain.lint.LintRules;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.testing.InMemoryScenarioSource;
import dev.workflowrun.domain.testing.Scenarios;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Build-time verification asks a rule which variable it checks; it knows no rule type by name. */
class DriftRuleVariableTest {

    private static final ScenarioRef REF = new ScenarioRef("github.com/sei-protocol/sei-k8s-controller", InMemoryScenarioSource.COMMIT,
            "scenarios/release-test.yaml");

    private final VerifyDrift verify = new VerifyDrift(new InMemoryScenarioSource().put("scenarios/release-test.yaml", Scenarios.RELEASE_TEST),
            new FakeManifestReader(), LintRules.defaults());

    /** A rule of a kind verify has never heard of, on one variable. */
    private record AnyRule(String variable, AtomicInteger checks) implements DriftRule {
        @Override
        public String name() {
            return "any-rule " + variable;
        }

        @Override
        public Optional<String> checkedVariable() {
            return Optional.of(variable);
        }

        @Override
        public DriftFinding check(DriftContext context) {
            checks.incrementAndGet();
            return DriftFinding.holds(name(), "x", "x");
        }
    }

    @Test
    void a_rule_on_a_variable_known_only_at_run_time_is_skipped_whatever_its_type() {
        AtomicInteger checks = new AtomicInteger();
        Invocation inv = new Invocation("deploy/cronjob.yaml#release-test", "release-test", REF, "nightly",
                Map.of("SEID_IMAGE", "ghcr.io/sei-protocol/seid:v6.1.0"), List.of(new AnyRule("SEITASK_IMAGE", checks)), List.of(),
                List.of("--var-file /etc/workflow-run/vars.env"));

        VerifyReport report = verify.verify(List.of(inv));

        assertThat(checks).hasValue(0);
        assertThat(report.rows()).filteredOn(r -> r.rule().equals("any-rule SEITASK_IMAGE")).singleElement()
                .satisfies(r -> assertThat(r.verdict()).isEqualTo(VerifyRow.Verdict.SKIPPED));
    }

    @Test
    void a_rule_on_a_variable_known_at_build_time_is_checked() {
        AtomicInteger checks = new AtomicInteger();
        Invocation inv = new Invocation("deploy/cronjob.yaml#release-test", "release-test", REF, "nightly",
                Map.of("SEID_IMAGE", "ghcr.io/sei-protocol/seid:v6.1.0", "SEITASK_IMAGE", "ghcr.io/sei-protocol/seitask:v1"),
                List.of(new AnyRule("SEITASK_IMAGE", checks)), List.of(), List.of());

        verify.verify(List.of(inv));

        assertThat(checks).hasValue(1);
    }
}
