package dev.workflowrun.domain.drift;

import dev.workflowrun.domain.scenario.ResolvedScenario;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.variables.ImageRef;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableType;
import dev.workflowrun.domain.variables.Variables;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DriftRulesTest {

    private static final String COMMIT = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";
    private static final String RBAC = "kind: Role\nrules:\n- verbs: [get, list]\n";

    private static DriftContext context(String ref, String seitask, Optional<LiveImagePort> live) {
        ResolvedScenario scenario = new ResolvedScenario(new ScenarioRef("repo", ref, "scenarios/release-test.yaml"), COMMIT, "",
                Map.of("runner/rbac.yaml", RBAC), "repo");
        Variables vars = Variables.bind(List.of(new VariableDeclaration("SEITASK_IMAGE", VariableType.IMAGE, "")), Map.of("SEITASK_IMAGE", seitask));
        return new DriftContext(scenario, vars, new FakeManifestReader(), live);
    }

    @Test
    void theTaskImageMustNameTheScenarioCommit() {
        RefImageRule rule = new RefImageRule("SEITASK_IMAGE");
        assertThat(rule.check(context("main", "ghcr.io/sei/seitask:" + COMMIT, Optional.empty())).holds()).isTrue();
        assertThat(rule.check(context("main", "ghcr.io/sei/seitask:9f8e7d6", Optional.empty())).holds()).isTrue();
        assertThat(rule.check(context("main", "ghcr.io/sei/seitask:v1.4.0-9f8e7d6c", Optional.empty())).holds()).isTrue();
        DriftFinding broken = rule.check(context("main", "ghcr.io/sei/seitask:1234567", Optional.empty()));
        assertThat(broken.holds()).isFalse();
        assertThat(broken.expected()).contains(COMMIT);
        assertThat(broken.actual()).isEqualTo("ghcr.io/sei/seitask:1234567");
        assertThat(broken.message()).contains("build SEITASK_IMAGE from the commit --scenario-ref resolves to");
        assertThat(rule.check(context("main", "ghcr.io/sei/seitask:9f8e", Optional.empty())).holds()).as("too short to name a commit").isFalse();
    }

    @Test
    void aBranchRefIsRefusedWhenPinningIsRequired() {
        DriftFinding f = new PinnedRefRule().check(context("main", "ghcr.io/sei/seitask:9f8e7d6", Optional.empty()));
        assertThat(f.holds()).isFalse();
        assertThat(f.message()).isEqualTo("set --scenario-ref to " + COMMIT + " (what 'main' resolves to now)");
        assertThat(new PinnedRefRule().check(context(COMMIT, "ghcr.io/sei/seitask:9f8e7d6", Optional.empty())).holds()).isTrue();
    }

    @Test
    void theTaskImageMustMatchTheRunningController() {
        DeploymentRef controller = DeploymentRef.parse("deployment/sei-system/controller-manager/manager");
        LiveImagePort live = d -> d.equals(controller) ? Optional.of(ImageRef.parse("ghcr.io/sei/sei-k8s-controller:9f8e7d6")) : Optional.empty();
        LiveImageRule rule = new LiveImageRule("SEITASK_IMAGE", controller);
        assertThat(rule.check(context("main", "ghcr.io/sei/seitask:9f8e7d6", Optional.of(live))).holds()).isTrue();
        DriftFinding drifted = rule.check(context("main", "ghcr.io/sei/seitask:1111111", Optional.of(live)));
        assertThat(drifted.holds()).isFalse();
        assertThat(drifted.expected()).isEqualTo("9f8e7d6 (running ghcr.io/sei/sei-k8s-controller:9f8e7d6)");
        assertThat(rule.check(context("main", "ghcr.io/sei/seitask:1111111", Optional.empty())).skipped()).isTrue();
        assertThat(new LiveImageRule("SEITASK_IMAGE", DeploymentRef.parse("deployment/x/y"))
                .check(context("main", "ghcr.io/sei/seitask:9f8e7d6", Optional.of(live))).actual()).isEqualTo("no such Deployment or container");
    }

    @Test
    void aVendoredFileMustHoldTheSameDataAsTheFileAtTheRef() {
        FileMatchRule same = new FileMatchRule("vendor/rbac.yaml", RBAC, "runner/rbac.yaml");
        assertThat(same.pathsAtRef()).containsExactly("runner/rbac.yaml");
        assertThat(same.check(context("main", "ghcr.io/sei/seitask:9f8e7d6", Optional.empty())).holds()).isTrue();
        DriftFinding changed = new FileMatchRule("vendor/rbac.yaml", "kind: Role\nrules:\n- verbs: [get, list, delete]\n", "runner/rbac.yaml")
                .check(context("main", "ghcr.io/sei/seitask:9f8e7d6", Optional.empty()));
        assertThat(changed.holds()).isFalse();
        // Which keys differ, never their values: the files compared may hold credentials.
        assertThat(changed.actual()).contains("differs at", "(values not shown)").doesNotContain("delete");
        DriftFinding missing = new FileMatchRule("vendor/rbac.yaml", RBAC, "runner/missing.yaml")
                .check(context("main", "ghcr.io/sei/seitask:9f8e7d6", Optional.empty()));
        assertThat(missing.actual()).isEqualTo("no such file");
    }

    @Test
    void aRuleThatThrowsIsABrokenRuleNotACrash() {
        DriftReport report = DriftCheck.evaluate(List.of(new RefImageRule("NOT_BOUND")), context("main", "ghcr.io/sei/seitask:9f8e7d6", Optional.empty()));
        assertThat(report.allHold()).isFalse();
        assertThat(report.describeBroken()).contains("variable NOT_BOUND has no value");
    }
}
