package dev.workflowrun.domain.verify;

import dev.workflowrun.domain.drift.FileMatchRule;
import dev.workflowrun.domain.drift.RefImageRule;
import dev.workflowrun.domain.lint.LintRules;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.testing.InMemoryScenarioSource;
import dev.workflowrun.domain.testing.Scenarios;
import dev.workflowrun.domain.verify.VerifyRow.Verdict;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rows of a build-time verification, through its public entry points only. */
class VerifyDriftRowsTest {

    private static final String PATH = "scenarios/release-test.yaml";
    private static final ScenarioRef REF = new ScenarioRef("github.com/sei-protocol/sei-k8s-controller", InMemoryScenarioSource.COMMIT, PATH);
    private static final String TAG = InMemoryScenarioSource.COMMIT.substring(0, 12);

    private final InMemoryScenarioSource source = new InMemoryScenarioSource().put(PATH, Scenarios.RELEASE_TEST);

    private static Map<String, String> values(String seid, String seitask) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("SEID_IMAGE", seid);
        v.put("SEITASK_IMAGE", seitask);
        return v;
    }

    private static Invocation cronJob(String origin, Map<String, String> variables) {
        return new Invocation(origin, "release-test", REF, "nightly", variables, List.of(), List.of(), List.of());
    }

    private static Invocation cronJob(String origin) {
        return cronJob(origin, values("ghcr.io/sei-protocol/seid:v6.1.0", "ghcr.io/sei-protocol/seitask:" + TAG));
    }

    private static List<VerifyRow> rowsOf(VerifyReport report, String rule) {
        return report.rows().stream().filter(r -> r.rule().equals(rule)).toList();
    }

    @Nested
    class OneInvocation {

        private final VerifyDrift verify = new VerifyDrift(source, new FakeManifestReader(), List.of());

        @Test
        void everyImageTypedVariableMustBePinnedAndAValidReference() {
            VerifyReport report = verify.verify(List.of(cronJob("a.yaml#x", values("ghcr.io/sei-protocol/seid:latest", "ghcr.io/sei-protocol/seitask:" + TAG))));

            assertThat(rowsOf(report, "pinned-image")).extracting(VerifyRow::expected, VerifyRow::actual, VerifyRow::verdict, VerifyRow::fix)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("variable SEID_IMAGE with a tag or digest", "ghcr.io/sei-protocol/seid:latest", Verdict.BROKEN,
                                    "pin ghcr.io/sei-protocol/seid:latest to a commit tag or a digest (not :latest)"),
                            org.assertj.core.groups.Tuple.tuple("variable SEITASK_IMAGE with a tag or digest", "ghcr.io/sei-protocol/seitask:" + TAG, Verdict.WARNING,
                                    "the tag can be pushed again; pin ghcr.io/sei-protocol/seitask@sha256:<64 hex> to be sure what runs"));
        }

        @Test
        void anInvalidContainerImageIsBrokenWithTheReason() {
            Invocation inv = new Invocation("a.yaml#x", "release-test", REF, "nightly", values("ghcr.io/sei-protocol/seid:v6.1.0", "ghcr.io/sei-protocol/seitask:" + TAG),
                    List.of(), List.of("Not An Image!"), List.of());

            VerifyReport report = verify.verify(List.of(inv));

            assertThat(rowsOf(report, "pinned-image")).filteredOn(r -> r.expected().startsWith("container image")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.BROKEN);
                assertThat(r.actual()).startsWith("Not An Image! (");
                assertThat(r.fix()).isEqualTo("give a valid image reference");
            });
        }

        @Test
        void theRolePlaceholdersTheRunnerFillsAreReported() {
            VerifyReport report = verify.verify(List.of(cronJob("a.yaml#x")));

            assertThat(rowsOf(report, "roles")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
                assertThat(r.actual()).contains("=$SEI_WORKFLOW_RUN_ID", "=$SEI_NAMESPACE");
            });
        }

        @Test
        void aVarGivenForARolePlaceholderIsBrokenAndNothingElseIsChecked() {
            Map<String, String> v = values("ghcr.io/sei-protocol/seid:latest", "ghcr.io/sei-protocol/seitask:" + TAG);
            v.put("SEI_WORKFLOW_RUN_ID", "n1");

            VerifyReport report = verify.verify(List.of(cronJob("a.yaml#x", v)));

            assertThat(rowsOf(report, "variables")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.BROKEN);
                assertThat(r.expected()).isEqualTo("no --var for a role placeholder");
                assertThat(r.actual()).contains("SEI_WORKFLOW_RUN_ID");
            });
            assertThat(rowsOf(report, "pinned-image")).as("stopped before the variables' images").isEmpty();
        }

        @Test
        void anIllTypedValueIsBrokenAndNothingElseIsChecked() {
            VerifyReport report = verify.verify(List.of(cronJob("a.yaml#x", values("not an image", "ghcr.io/sei-protocol/seitask:" + TAG))));

            assertThat(rowsOf(report, "variables")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.BROKEN);
                assertThat(r.actual()).contains("SEID_IMAGE");
                assertThat(r.fix()).isEqualTo("fix the --var arguments of this CronJob");
            });
            assertThat(report.rows()).noneMatch(r -> r.rule().startsWith("lint"));
        }

        @Test
        void anUnreadablePlaceholderHeaderIsBroken() {
            source.put(PATH, Scenarios.RELEASE_TEST.replace("$SEID_IMAGE             seid", "$SEID_IMAGE (colour) seid"));

            VerifyReport report = verify.verify(List.of(cronJob("a.yaml#x")));

            assertThat(rowsOf(report, "placeholder-header")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.BROKEN);
                assertThat(r.actual()).contains("unknown placeholder type 'colour'");
                assertThat(r.fix()).isEqualTo("fix the scenario at commit " + InMemoryScenarioSource.COMMIT);
            });
            assertThat(report.rows()).extracting(VerifyRow::rule).doesNotContain("roles");
        }

        @Test
        void valuesFromARunTimeSourceGetStandInsAndAreNotPinChecked() {
            Invocation inv = new Invocation("a.yaml#x", "release-test", REF, "nightly", Map.of("SEID_IMAGE", "ghcr.io/sei-protocol/seid:v6.1.0"),
                    List.of(new RefImageRule("SEITASK_IMAGE"), new RefImageRule("SEID_IMAGE")), List.of(), List.of("--var-file /vars.env"));

            VerifyReport report = verify.verify(List.of(inv));

            assertThat(rowsOf(report, "run-time values")).singleElement().extracting(VerifyRow::actual)
                    .isEqualTo("--var-file /vars.env (would fill SEITASK_IMAGE)");
            assertThat(rowsOf(report, "pinned-image")).extracting(VerifyRow::expected).containsExactly("variable SEID_IMAGE with a tag or digest");
            assertThat(rowsOf(report, "expect-ref-image SEITASK_IMAGE")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.SKIPPED);
                assertThat(r.actual()).isEqualTo("SEITASK_IMAGE comes from a run-time source");
            });
            assertThat(rowsOf(report, "expect-ref-image SEID_IMAGE")).singleElement().extracting(VerifyRow::verdict).isNotEqualTo(Verdict.SKIPPED);
        }

        @Test
        void aRunTimeSourceThatFillsNothingSaysOnlyWhatItIs() {
            Invocation inv = new Invocation("a.yaml#x", "release-test", REF, "nightly", values("ghcr.io/sei-protocol/seid:v6.1.0", "ghcr.io/sei-protocol/seitask:" + TAG),
                    List.of(), List.of(), List.of("env TOKEN from a Secret"));

            VerifyReport report = verify.verify(List.of(inv));

            assertThat(rowsOf(report, "run-time values")).singleElement().extracting(VerifyRow::actual).isEqualTo("env TOKEN from a Secret");
        }

        @Test
        void theFilesDriftRulesNeedAreFetchedWithTheScenarioOncePerRef() {
            Invocation inv = new Invocation("a.yaml#x", "release-test", REF, "nightly", values("ghcr.io/sei-protocol/seid:v6.1.0", "ghcr.io/sei-protocol/seitask:" + TAG),
                    List.of(new FileMatchRule("vendored/role.yaml", "kind: Role\n", "deploy/role.yaml")), List.of(), List.of());

            verify.verify(List.of(inv, inv));

            assertThat(source.requests()).singleElement().satisfies(r -> assertThat(r.toString()).contains("deploy/role.yaml"));
        }
    }

    @Nested
    class Lint {

        private static ManifestCheck finding(LintFinding f) {
            return context -> List.of(f);
        }

        @Test
        void aLintErrorIsBrokenAndAWarningIsAWarningWithoutFix() {
            VerifyDrift verify = new VerifyDrift(source, new FakeManifestReader(), List.of(
                    finding(LintFinding.error("my-error", "bad")), finding(LintFinding.warning("my-warning", "meh"))));

            VerifyReport report = verify.verify(List.of(cronJob("a.yaml#x")));

            assertThat(rowsOf(report, "lint my-error")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.BROKEN);
                assertThat(r.actual()).isEqualTo("bad");
                assertThat(r.fix()).isEqualTo("fix the scenario at commit " + InMemoryScenarioSource.COMMIT);
            });
            assertThat(rowsOf(report, "lint my-warning")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.WARNING);
                assertThat(r.fix()).isEmpty();
            });
            assertThat(rowsOf(report, "lint")).isEmpty();
        }

        @Test
        void lintRendersTheScenarioWithThisCronJobsValues() {
            List<String> rendered = new ArrayList<>();
            VerifyDrift verify = new VerifyDrift(source, new FakeManifestReader(), List.of(context -> {
                rendered.add(context.rendered());
                return List.of();
            }));

            VerifyReport report = verify.verify(List.of(cronJob("a.yaml#x")));

            assertThat(rowsOf(report, "lint")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
                assertThat(r.actual()).isEqualTo("none");
            });
            assertThat(rendered).singleElement().asString()
                    .contains("image: ghcr.io/sei-protocol/seid:v6.1.0", "image: ghcr.io/sei-protocol/seitask:" + TAG);
        }
    }

    @Nested
    class SharedVariables {

        private final VerifyDrift verify = new VerifyDrift(source, new FakeManifestReader(), LintRules.defaults());

        @Test
        void aSingleCronJobOfARefHasNoConsistencyRow() {
            VerifyReport report = verify.verify(List.of(cronJob("a.yaml#x")));

            assertThat(report.rows()).noneMatch(r -> r.rule().startsWith("consistent"));
        }

        @Test
        void aVariableOnlyOneCronJobGivesHasNoConsistencyRow() {
            Map<String, String> withExtra = values("ghcr.io/sei-protocol/seid:v6.1.0", "ghcr.io/sei-protocol/seitask:" + TAG);
            Map<String, String> without = new LinkedHashMap<>(withExtra);
            without.remove("SEID_IMAGE");
            Invocation other = new Invocation("b.yaml#y", "release-test", REF, "nightly", without, List.of(), List.of(), List.of("--var-file /v.env"));

            VerifyReport report = verify.verify(List.of(cronJob("a.yaml#x", withExtra), other));

            assertThat(rowsOf(report, "consistent SEID_IMAGE")).isEmpty();
            assertThat(rowsOf(report, "consistent SEITASK_IMAGE")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.HOLDS);
                assertThat(r.origin()).isEqualTo("a.yaml#x, b.yaml#y");
                assertThat(r.actual()).isEqualTo("ghcr.io/sei-protocol/seitask:" + TAG);
            });
        }

        @Test
        void manyCronJobsAndValuesAreNamedUpToALimitAndCountedBeyond() {
            List<Invocation> invocations = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                invocations.add(cronJob("c" + i + ".yaml#x", values("ghcr.io/sei-protocol/seid:v6.1." + i, "ghcr.io/sei-protocol/seitask:" + TAG)));
            }
            invocations.add(cronJob("c7.yaml#x", values("ghcr.io/sei-protocol/seid:v6.1.0", "ghcr.io/sei-protocol/seitask:" + TAG)));

            VerifyReport report = verify.verify(invocations);

            assertThat(rowsOf(report, "consistent SEID_IMAGE")).singleElement().satisfies(r -> {
                assertThat(r.verdict()).isEqualTo(Verdict.BROKEN);
                assertThat(r.origin()).isEqualTo("c0.yaml#x, c1.yaml#x, c2.yaml#x and 5 more");
                assertThat(r.actual()).isEqualTo("ghcr.io/sei-protocol/seid:v6.1.0 in c0.yaml#x, c7.yaml#x; ghcr.io/sei-protocol/seid:v6.1.1 in c1.yaml#x; "
                        + "ghcr.io/sei-protocol/seid:v6.1.2 in c2.yaml#x; ghcr.io/sei-protocol/seid:v6.1.3 in c3.yaml#x; "
                        + "ghcr.io/sei-protocol/seid:v6.1.4 in c4.yaml#x; and 2 more value(s)");
                assertThat(r.fix()).isEqualTo("give SEID_IMAGE the same value in every CronJob that runs " + REF.displayRepository() + "@" + REF.ref());
            });
            assertThat(rowsOf(report, "consistent SEITASK_IMAGE")).singleElement().satisfies(r ->
                    assertThat(r.verdict()).isEqualTo(Verdict.HOLDS));
        }

        @Test
        void aValueHeldByMoreThanThreeCronJobsNamesThreeAndCountsTheRest() {
            List<Invocation> invocations = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                invocations.add(cronJob("c" + i + ".yaml#x"));
            }
            invocations.add(cronJob("odd.yaml#x", values("ghcr.io/sei-protocol/seid:v7.0.0", "ghcr.io/sei-protocol/seitask:" + TAG)));

            VerifyReport report = verify.verify(invocations);

            assertThat(rowsOf(report, "consistent SEID_IMAGE")).singleElement().extracting(VerifyRow::actual)
                    .isEqualTo("ghcr.io/sei-protocol/seid:v6.1.0 in c0.yaml#x, c1.yaml#x, c2.yaml#x and 2 more; ghcr.io/sei-protocol/seid:v7.0.0 in odd.yaml#x");
        }
    }

    @Nested
    class Sessions {

        private final VerifyDrift verify = new VerifyDrift(source, new FakeManifestReader(), LintRules.defaults());

        @Test
        void brokenRowsAreAlwaysShownAndTheOthersUpToTheLimitTheRestCounted() {
            VerifyDrift.Session session = verify.session(1);
            session.add(cronJob("a.yaml#x", values("ghcr.io/sei-protocol/seid:latest", "ghcr.io/sei-protocol/seitask:" + TAG)));
            session.broken("b.yaml#y", "(unreadable)", "arguments", "a workflow-run invocation", "--var without =", "fix the CronJob's args");

            assertThat(session.invocations()).isEqualTo(2);
            VerifyReport report = session.finish();

            long broken = report.count(Verdict.BROKEN);
            long others = report.counts().values().stream().mapToLong(Long::longValue).sum() - broken;
            assertThat(report.invocations()).isEqualTo(2);
            assertThat(report.rows()).filteredOn(r -> r.verdict() == Verdict.BROKEN).hasSize((int) broken);
            assertThat(report.rows()).filteredOn(r -> r.verdict() != Verdict.BROKEN).hasSize(1);
            assertThat(report.notShown()).isEqualTo(others - 1).isPositive();
            assertThat(rowsOf(report, "arguments")).singleElement().satisfies(r -> {
                assertThat(r.origin()).isEqualTo("b.yaml#y");
                assertThat(r.fix()).isEqualTo("fix the CronJob's args");
            });
        }

        @Test
        void aNegativeLimitShowsOnlyBrokenRows() {
            VerifyDrift.Session session = verify.session(-5);
            session.add(cronJob("a.yaml#x"));

            VerifyReport report = session.finish();

            assertThat(report.rows()).isEmpty();
            assertThat(report.notShown()).isPositive();
        }

        @Test
        void finishingTwiceDoesNotRepeatTheConsistencyRows() {
            VerifyDrift.Session session = verify.session(Integer.MAX_VALUE);
            session.add(cronJob("a.yaml#x"));
            session.add(cronJob("b.yaml#y"));

            long first = session.finish().rows().stream().filter(r -> r.rule().startsWith("consistent")).count();
            long second = session.finish().rows().stream().filter(r -> r.rule().startsWith("consistent")).count();

            assertThat(first).isEqualTo(2);
            assertThat(second).isEqualTo(2);
        }
    }
}
