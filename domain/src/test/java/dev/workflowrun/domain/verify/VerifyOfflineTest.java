package dev.workflowrun.domain.verify;

import dev.workflowrun.domain.drift.FileMatchRule;
import dev.workflowrun.domain.drift.PinnedRefRule;
import dev.workflowrun.domain.drift.RefImageRule;
import dev.workflowrun.domain.lint.LintRules;
import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.testing.InMemoryScenarioSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class VerifyOfflineTest {

    private static final String SHA = InMemoryScenarioSource.COMMIT;

    private final InMemoryScenarioSource source = new InMemoryScenarioSource()
            .failWith(new ScenarioFetchException(ScenarioFetchException.Reason.UNREACHABLE, "no network here"));
    private final VerifyDrift offline = new VerifyDrift(source, new FakeManifestReader(), LintRules.defaults()).offline();

    private static Invocation cronJob(String ref, String seitask) {
        return new Invocation("c.yaml#release-test", "release-test", new ScenarioRef("github.com/sei/controller", ref, "s.yaml"), "nightly",
                Map.of("SEITASK_IMAGE", seitask, "SEI_CHAIN_ID", "x"),
                List.of(new PinnedRefRule(), new RefImageRule("SEITASK_IMAGE"), new FileMatchRule("vendor/rbac.yaml", "kind: Role\n", "rbac.yaml")),
                List.of("ghcr.io/sei/workflow-run:0.1.0"), List.of());
    }

    @Test
    void offlineNothingIsFetchedAndWhatNeedsNoGitIsCheckedWhileTheRestIsSkipped() {
        VerifyReport report = offline.verify(List.of(cronJob(SHA, "ghcr.io/sei/seitask:" + SHA.substring(0, 12))));

        assertThat(source.requests()).isEmpty();
        assertThat(report.passes()).as(report.table()).isTrue();
        assertThat(report.rows()).extracting(VerifyRow::rule, VerifyRow::verdict).containsExactly(
                tuple("pinned-image", VerifyRow.Verdict.WARNING),
                tuple("pinned-image", VerifyRow.Verdict.WARNING),
                tuple("require-pinned-ref", VerifyRow.Verdict.HOLDS),
                tuple("expect-ref-image SEITASK_IMAGE", VerifyRow.Verdict.HOLDS),
                tuple("expect-file-match vendor/rbac.yaml=rbac.yaml", VerifyRow.Verdict.SKIPPED),
                tuple("lint", VerifyRow.Verdict.SKIPPED));
    }

    @Test
    void offlineABranchRefAndAnImageOfAnotherCommitAreStillBroken() {
        VerifyReport branch = offline.verify(List.of(cronJob("main", "ghcr.io/sei/seitask:" + SHA.substring(0, 12))));
        assertThat(branch.passes()).isFalse();
        assertThat(branch.rows()).filteredOn(r -> r.rule().equals("require-pinned-ref")).singleElement()
                .satisfies(r -> assertThat(r.fix()).contains("set --scenario-ref to the commit SHA 'main' resolves to"));
        assertThat(branch.rows()).filteredOn(r -> r.rule().startsWith("expect-ref-image")).singleElement()
                .extracting(VerifyRow::verdict).isEqualTo(VerifyRow.Verdict.SKIPPED);

        VerifyReport drifted = offline.verify(List.of(cronJob(SHA, "ghcr.io/sei/seitask:0badc0ffee00")));
        assertThat(drifted.rows()).filteredOn(r -> r.rule().startsWith("expect-ref-image")).singleElement()
                .extracting(VerifyRow::verdict).isEqualTo(VerifyRow.Verdict.BROKEN);
    }

    @Test
    void onlineAnUnreachableRepositoryIsAFetchRowNotARuleOfTheScenario() {
        VerifyReport report = new VerifyDrift(source, new FakeManifestReader(), LintRules.defaults())
                .verify(List.of(cronJob(SHA, "ghcr.io/sei/seitask:" + SHA.substring(0, 12))));
        assertThat(report.rows()).filteredOn(r -> r.verdict() == VerifyRow.Verdict.BROKEN).extracting(VerifyRow::rule)
                .containsExactly(VerifyDrift.FETCH);
    }
}
