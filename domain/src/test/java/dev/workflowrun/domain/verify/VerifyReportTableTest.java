package dev.workflowrun.domain.verify;

import dev.workflowrun.domain.verify.VerifyRow.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The verify report as a person reads it: a bounded table, then each broken row with its fix, then the counts. */
class VerifyReportTableTest {

    private static final VerifyRow PINNED = new VerifyRow("a.yaml#x", "release-test", "pinned-image", "tag or digest", "img:latest", Verdict.BROKEN, "pin it");
    private static final VerifyRow LINT = new VerifyRow("b.yaml#y", "release-test", "lint", "no lint finding", "none", Verdict.HOLDS, "");
    private static final VerifyRow FETCH = new VerifyRow("a.yaml#x", "release-test", "fetch", "ref", "line one\nline two", Verdict.BROKEN, "");

    @Test
    void theTableAlignsItsColumnsThenListsEachBrokenRowWithItsFixThenCounts() {
        VerifyReport report = new VerifyReport(List.of(PINNED, LINT, FETCH));

        assertThat(report.table()).isEqualTo("""
                ORIGIN    SCENARIO      RULE          EXPECTED         ACTUAL        VERDICT
                a.yaml#x  release-test  pinned-image  tag or digest    img:latest    BROKEN
                b.yaml#y  release-test  lint          no lint finding  none          HOLDS
                a.yaml#x  release-test  fetch         ref              line one ...  BROKEN

                BROKEN a.yaml#x pinned-image:
                  expected tag or digest
                  actual   img:latest
                  fix: pin it
                BROKEN a.yaml#x fetch:
                  expected ref
                  actual   line one
                  line two

                2 workflow-run container(s) checked: 1 hold, 2 broken, 0 warning(s), 0 skipped
                """);
    }

    @Test
    void aReportOfGivenRowsCountsThemByVerdictAndItsContainersByOrigin() {
        VerifyReport report = new VerifyReport(List.of(PINNED, LINT, FETCH));

        assertThat(report.count(Verdict.BROKEN)).isEqualTo(2);
        assertThat(report.count(Verdict.HOLDS)).isEqualTo(1);
        assertThat(report.count(Verdict.SKIPPED)).isZero();
        assertThat(report.invocations()).isEqualTo(2);
        assertThat(report.notShown()).isZero();
        assertThat(report.passes()).isFalse();
        assertThat(new VerifyReport(List.of(LINT)).passes()).isTrue();
    }

    @Test
    void rowsNotShownAreCountedBelowTheTable() {
        VerifyReport report = new VerifyReport(List.of(LINT), Map.of(Verdict.HOLDS, 5L, Verdict.WARNING, 1L), 5, 3);

        assertThat(report.table()).isEqualTo("""
                ORIGIN    SCENARIO      RULE  EXPECTED         ACTUAL  VERDICT
                b.yaml#y  release-test  lint  no lint finding  none    HOLDS
                ... 5 more row(s) that hold, warn or were skipped are not shown (every broken row is); --rows=<n> shows more

                3 workflow-run container(s) checked: 5 hold, 0 broken, 1 warning(s), 0 skipped
                """);
    }

    @Test
    void aLongCellIsCutAtSeventyTwoCharactersAndALongOriginKeepsItsEnd() {
        String origin = "deploy/" + "o".repeat(150) + "/cronjobs.yaml#release-test";
        String actual = "a".repeat(100);
        VerifyRow row = new VerifyRow(origin, "s", "r", "x".repeat(72), actual, Verdict.HOLDS, "");

        String firstRow = new VerifyReport(List.of(row)).table().lines().skip(1).findFirst().orElseThrow();

        String shownOrigin = "..." + origin.substring(origin.length() - 141);
        assertThat(firstRow).startsWith(shownOrigin + "  s ");
        assertThat(firstRow).contains("  " + "x".repeat(72) + "  ", "  " + "a".repeat(69) + "...  HOLDS");
        assertThat(firstRow).doesNotContain("deploy/");
    }

    @Test
    void anOriginOfExactlyTwiceTheCellWidthIsShownWhole() {
        String origin = "o".repeat(144);
        VerifyRow row = new VerifyRow(origin + "\nsecond line", "s", "r", "e", "a", Verdict.HOLDS, "");

        String firstRow = new VerifyReport(List.of(row)).table().lines().skip(1).findFirst().orElseThrow();

        assertThat(firstRow).startsWith(origin + "  s  ");
    }
}
