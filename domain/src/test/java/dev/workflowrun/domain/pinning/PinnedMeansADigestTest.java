package dev.workflowrun.domain.pinning;

import dev.workflowrun.domain.drift.DriftContext;
import dev.workflowrun.domain.drift.DriftFinding;
import dev.workflowrun.domain.drift.PinnedRefRule;
import dev.workflowrun.domain.lint.LintRules;
import dev.workflowrun.domain.lint.PinnedImagesRule;
import dev.workflowrun.domain.lint.SampleValues;
import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestObject;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.WorkflowSpec;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.scenario.ResolvedScenario;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.testing.InMemoryScenarioSource;
import dev.workflowrun.domain.testing.Scenarios;
import dev.workflowrun.domain.variables.ImageRef;
import dev.workflowrun.domain.variables.Pinning;
import dev.workflowrun.domain.variables.VariableType;
import dev.workflowrun.domain.variables.Variables;
import dev.workflowrun.domain.verify.Invocation;
import dev.workflowrun.domain.verify.VerifyDrift;
import dev.workflowrun.domain.verify.VerifyRow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PinnedMeansADigestTest {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    private static final String COMMIT = "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432";

    private static List<LintFinding> lint(Pinning pinning, String image) {
        WorkflowTemplate task = new WorkflowTemplate("run", "Task", Optional.empty(), List.of(), List.of(image), List.of(), "", Optional.of("run"));
        ManifestObject workflow = new ManifestObject("chaos-mesh.org/v1alpha1", "Workflow", "w", Optional.of("ns"), Map.of());
        ParsedManifest manifest = new ParsedManifest(List.of(workflow), Optional.of(workflow), Optional.of(new WorkflowSpec("run", List.of(task))));
        return new PinnedImagesRule(pinning).check(new LintContext(manifest, "", "", List.of(), "ns", "w"));
    }

    private static DriftFinding pinnedRef(Pinning pinning, String ref) {
        ResolvedScenario scenario = new ResolvedScenario(new ScenarioRef("repo", ref, "s.yaml"), COMMIT, "", Map.of(), "repo");
        return new PinnedRefRule(pinning).check(new DriftContext(scenario, Variables.bind(List.of(), Map.of()), new FakeManifestReader(), Optional.empty()));
    }

    @Test
    void aDigestIsPinnedUnderEitherPolicyATagOnlyUnderTagAndLatestUnderNeither() {
        assertThat(Pinning.TAG.judge(ImageRef.parse("ghcr.io/x/y@" + DIGEST))).isEqualTo(Pinning.Verdict.PINNED);
        assertThat(Pinning.DIGEST.judge(ImageRef.parse("ghcr.io/x/y:v1@" + DIGEST))).isEqualTo(Pinning.Verdict.PINNED);
        assertThat(Pinning.TAG.judge(ImageRef.parse("ghcr.io/x/y:v1"))).isEqualTo(Pinning.Verdict.MUTABLE);
        assertThat(Pinning.DIGEST.judge(ImageRef.parse("ghcr.io/x/y:v1"))).isEqualTo(Pinning.Verdict.REFUSED);
        assertThat(Pinning.TAG.judge(ImageRef.parse("ghcr.io/x/y:latest"))).isEqualTo(Pinning.Verdict.REFUSED);
        assertThat(Pinning.TAG.judge(ImageRef.parse("ghcr.io/x/y"))).isEqualTo(Pinning.Verdict.REFUSED);
    }

    @Test
    void theLintAcceptsADigestSilentlyAndWarnsThatATagIsMutable() {
        assertThat(lint(Pinning.TAG, "ghcr.io/x/y@" + DIGEST)).isEmpty();
        assertThat(lint(Pinning.TAG, "ghcr.io/x/y:v1.2.0")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(LintFinding.Severity.WARNING);
            assertThat(f.message()).isEqualTo("template 'run' uses image 'ghcr.io/x/y:v1.2.0' by the mutable tag 'v1.2.0';"
                    + " a tag can be pushed again, pin a digest (ghcr.io/x/y@sha256:<64 hex>) to be sure what runs");
        });
    }

    @Test
    void underPinnedDigestATagOnlyImageIsAnErrorAndLatestStaysOne() {
        assertThat(lint(Pinning.DIGEST, "ghcr.io/x/y:v1.2.0")).singleElement().satisfies(f -> {
            assertThat(f.isError()).isTrue();
            assertThat(f.message()).contains("by the tag 'v1.2.0', and --pinned=digest needs a digest");
        });
        assertThat(lint(Pinning.DIGEST, "ghcr.io/x/y:latest")).singleElement().extracting(LintFinding::isError).isEqualTo(true);
        assertThat(lint(Pinning.DIGEST, "ghcr.io/x/y:v1.2.0@" + DIGEST)).isEmpty();
    }

    @Test
    void anImageLeftToRunTimeIsNotJudgedByTheLintEvenUnderDigest() {
        String standIn = SampleValues.of(VariableType.IMAGE);
        assertThat(lint(Pinning.DIGEST, standIn)).isEmpty();
        assertThat(lint(Pinning.TAG, standIn)).isEmpty();
    }

    @Test
    void theDefaultRulesHoldImagesToTagPinning() {
        assertThat(LintRules.defaults()).anySatisfy(rule -> assertThat(rule).isInstanceOf(PinnedImagesRule.class));
        assertThat(LintRules.defaults(Pinning.DIGEST)).hasSameSizeAs(LintRules.defaults());
    }

    @Test
    void aPinnedRefAcceptsACommitShaWarnsOnATagAndRefusesABranch() {
        assertThat(pinnedRef(Pinning.DIGEST, COMMIT)).satisfies(f -> assertThat(f.holds() && !f.warning()).isTrue());
        assertThat(pinnedRef(Pinning.TAG, "refs/tags/v1.4.0")).satisfies(f -> {
            assertThat(f.holds()).isTrue();
            assertThat(f.warning()).isTrue();
            assertThat(f.message()).contains("the tag 'v1.4.0' can be moved", "set --scenario-ref to " + COMMIT);
        });
        assertThat(pinnedRef(Pinning.DIGEST, "refs/tags/v1.4.0")).satisfies(f -> {
            assertThat(f.holds()).isFalse();
            assertThat(f.message()).endsWith("--pinned=digest refuses a tag");
        });
        assertThat(pinnedRef(Pinning.TAG, "main").holds()).isFalse();
    }

    @Test
    void verifyWarnsOnATaggedContainerImageAndUnderDigestBreaksIt() {
        InMemoryScenarioSource source = new InMemoryScenarioSource().put("scenarios/release-test.yaml", Scenarios.RELEASE_TEST);
        ScenarioRef ref = new ScenarioRef("github.com/sei-protocol/sei-k8s-controller", InMemoryScenarioSource.COMMIT, "scenarios/release-test.yaml");
        Invocation inv = new Invocation("c.yaml#x", "release-test", ref, "nightly", Map.of(), List.of(),
                List.of("ghcr.io/org/workflow-run:0.1.0", "ghcr.io/org/sidecar@" + DIGEST), List.of());
        assertThat(new VerifyDrift(source, new FakeManifestReader(), LintRules.defaults()).verify(List.of(inv)).rows())
                .filteredOn(r -> r.rule().equals("pinned-image")).extracting(VerifyRow::actual, VerifyRow::verdict).containsExactly(
                        tuple("ghcr.io/org/sidecar@" + DIGEST, VerifyRow.Verdict.HOLDS),
                        tuple("ghcr.io/org/workflow-run:0.1.0", VerifyRow.Verdict.WARNING));
        assertThat(new VerifyDrift(source, new FakeManifestReader(), LintRules.defaults(Pinning.DIGEST), Pinning.DIGEST).verify(List.of(inv)).rows())
                .filteredOn(r -> r.rule().equals("pinned-image")).extracting(VerifyRow::actual, VerifyRow::verdict).containsExactly(
                        tuple("ghcr.io/org/sidecar@" + DIGEST, VerifyRow.Verdict.HOLDS),
                        tuple("ghcr.io/org/workflow-run:0.1.0", VerifyRow.Verdict.BROKEN));
    }
}
