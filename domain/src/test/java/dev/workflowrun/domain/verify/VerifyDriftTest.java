package dev.workflowrun.domain.verify;

import dev.workflowrun.domain.drift.PinnedRefRule;
import dev.workflowrun.domain.drift.RefImageRule;
import dev.workflowrun.domain.lint.LintRules;
import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.testing.InMemoryScenarioSource;
import dev.workflowrun.domain.testing.Scenarios;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyDriftTest {

    private static final String TAG = InMemoryScenarioSource.COMMIT.substring(0, 12);
    private static final ScenarioRef REF = new ScenarioRef("github.com/sei-protocol/sei-k8s-controller", InMemoryScenarioSource.COMMIT,
            "scenarios/release-test.yaml");

    private final InMemoryScenarioSource source = new InMemoryScenarioSource().put("scenarios/release-test.yaml", Scenarios.RELEASE_TEST);
    private final VerifyDrift verify = new VerifyDrift(source, new FakeManifestReader(), LintRules.defaults());

    private static Invocation cronJob(String origin, String seitaskTag) {
        return new Invocation(origin, "release-test", REF, "nightly",
                Map.of("SEID_IMAGE", "ghcr.io/sei-protocol/seid:v6.1.0", "SEITASK_IMAGE", "ghcr.io/sei-protocol/seitask:" + seitaskTag),
                List.of(new RefImageRule("SEITASK_IMAGE"), new PinnedRefRule()), List.of("ghcr.io/sei-protocol/workflow-run:0.1.0"), List.of());
    }

    @Test
    void aCleanManifestPasses() {
        VerifyReport report = verify.verify(List.of(cronJob("cronjobs.yaml#release-test", TAG)));
        assertThat(report.passes()).as(report.table()).isTrue();
        assertThat(report.rows()).extracting(VerifyRow::rule)
                .contains("expect-ref-image SEITASK_IMAGE", "require-pinned-ref", "pinned-image")
                .anyMatch(rule -> rule.startsWith("lint"));
    }

    @Test
    void aDriftedTaskImageIsBrokenWithBothValuesAndTheFix() {
        VerifyReport report = verify.verify(List.of(cronJob("cronjobs.yaml#release-test", "0badc0ffee00")));
        assertThat(report.passes()).isFalse();
        VerifyRow broken = report.rows().stream().filter(r -> r.verdict() == VerifyRow.Verdict.BROKEN).findFirst().orElseThrow();
        assertThat(broken.rule()).isEqualTo("expect-ref-image SEITASK_IMAGE");
        assertThat(broken.expected()).contains(InMemoryScenarioSource.COMMIT);
        assertThat(broken.actual()).isEqualTo("ghcr.io/sei-protocol/seitask:0badc0ffee00");
        assertThat(report.table()).contains("BROKEN cronjobs.yaml#release-test expect-ref-image SEITASK_IMAGE", "fix: build SEITASK_IMAGE");
    }

    @Test
    void cronJobsOfTheSameRefMustAgreeOnSharedVariables() {
        VerifyReport report = verify.verify(List.of(cronJob("a.yaml#release-test", TAG), cronJob("b.yaml#release-test-canary", TAG + "0")));
        assertThat(report.rows()).filteredOn(r -> r.rule().equals("consistent SEITASK_IMAGE")).singleElement().satisfies(r -> {
            assertThat(r.verdict()).isEqualTo(VerifyRow.Verdict.BROKEN);
            assertThat(r.actual()).contains("in a.yaml#release-test", "in b.yaml#release-test-canary");
        });
        assertThat(report.rows()).filteredOn(r -> r.rule().equals("consistent SEID_IMAGE")).singleElement()
                .extracting(VerifyRow::verdict).isEqualTo(VerifyRow.Verdict.HOLDS);
    }

    @Test
    void anUnpinnedContainerImageAndAnUnreachableRefAreBroken() {
        source.failWith(new ScenarioFetchException(ScenarioFetchException.Reason.REF_NOT_FOUND, "ref 'x' not found"));
        Invocation inv = new Invocation("c.yaml#x", "release-test", REF, "nightly", Map.of(), List.of(), List.of("ghcr.io/org/workflow-run:latest"), List.of());
        VerifyReport report = verify.verify(List.of(inv));
        assertThat(report.rows()).extracting(VerifyRow::rule, VerifyRow::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("pinned-image", VerifyRow.Verdict.BROKEN),
                org.assertj.core.groups.Tuple.tuple("fetch", VerifyRow.Verdict.BROKEN));
    }

    @Test
    void valuesThatOnlyExistAtRunTimeAreSkippedNotBroken() {
        Invocation inv = new Invocation("deploy/cronjob.yaml#release-test", "release-test", REF, "nightly", Map.of("SEID_IMAGE", "ghcr.io/sei-protocol/seid:v6.1.0"),
                List.of(new RefImageRule("SEITASK_IMAGE")), List.of(), List.of("--var-file /etc/workflow-run/vars.env"));
        VerifyReport report = verify.verify(List.of(inv));
        assertThat(report.passes()).as(report.table()).isTrue();
        assertThat(report.rows()).filteredOn(r -> r.verdict() == VerifyRow.Verdict.SKIPPED).extracting(VerifyRow::rule)
                .containsExactly("run-time values", "expect-ref-image SEITASK_IMAGE");
    }

    @Test
    void aScenarioWhoseWorkflowIgnoresTheRunIdIsBrokenAtBuildTime() {
        source.put("scenarios/release-test.yaml", Scenarios.RELEASE_TEST.replace("name: release-test-$SEI_WORKFLOW_RUN_ID", "name: release-test"));
        VerifyReport report = verify.verify(List.of(cronJob("cronjobs.yaml#release-test", TAG)));
        assertThat(report.passes()).isFalse();
        assertThat(report.rows()).filteredOn(r -> r.rule().equals("lint workflow-name")).singleElement()
                .satisfies(r -> assertThat(r.actual()).contains("the Workflow is named 'release-test'"));
    }
}
