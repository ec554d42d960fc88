package dev.workflowrun.domain.cluster;

import dev.workflowrun.domain.artifacts.BundleFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterRecordsTest {

    @Test
    void logCaptureBoundsAreCheckedAtTheEdge() {
        assertThat(new CaptureOptions(0, 0)).isNotNull();
        assertThat(new CaptureOptions(100_000, 1)).isNotNull();
        assertThatThrownBy(() -> new CaptureOptions(-1, 0)).hasMessage("--capture-log-lines must be between 0 and 100000, was -1");
        assertThatThrownBy(() -> new CaptureOptions(100_001, 0)).hasMessage("--capture-log-lines must be between 0 and 100000, was 100001");
        assertThatThrownBy(() -> new CaptureOptions(1, -1)).hasMessageContaining("must not be negative");
        assertThat(CaptureOptions.DEFAULT).isEqualTo(new CaptureOptions(200, 256 * 1024));
    }

    @Test
    void requestCountsAreSummed() {
        ApiRequestCounts counts = new ApiRequestCounts(Map.of("WATCH workflownodes", 2L, "GET workflows", 5L, "DELETE pods", 1L));

        assertThat(counts.byVerbAndResource()).containsOnly(Map.entry("DELETE pods", 1L), Map.entry("GET workflows", 5L),
                Map.entry("WATCH workflownodes", 2L));
        assertThat(counts.total()).isEqualTo(8);
        assertThat(ApiRequestCounts.NONE.total()).isZero();
    }

    @Test
    void aVerdictNamesItsDecidingTaskOnlyWhenOneDecided() {
        assertThat(WorkflowVerdict.of(Outcome.PASSED, "all passed").decidingTask()).isEmpty();
        assertThat(WorkflowVerdict.decidedBy(Outcome.TASK_FAILED, "keygen", "exited 1"))
                .isEqualTo(new WorkflowVerdict(Outcome.TASK_FAILED, Optional.of("keygen"), "exited 1"));
        assertThatThrownBy(() -> new WorkflowVerdict(null, Optional.empty(), "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WorkflowVerdict(Outcome.PASSED, null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new WorkflowVerdict(Outcome.PASSED, Optional.empty(), null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aFailedCaptureKeepsItsReasonAndNoFiles() {
        TerminalSnapshot failed = TerminalSnapshot.failed("the API server did not answer");

        assertThat(failed.files()).isEmpty();
        assertThat(failed.nodes()).isZero();
        assertThat(failed.pods()).isZero();
        assertThat(failed.problems()).containsExactly("the API server did not answer");
    }

    @Test
    void snapshotsAndCleanupReportsKeepTheirOwnCopies() {
        List<BundleFile> files = new ArrayList<>(List.of(BundleFile.text("a.txt", "a")));
        List<String> problems = new ArrayList<>();
        TerminalSnapshot snapshot = new TerminalSnapshot(files, 1, 1, problems);
        CleanupReport report = new CleanupReport(true, true, problems, problems);
        files.clear();
        problems.add("later");

        assertThat(snapshot.files()).hasSize(1);
        assertThat(snapshot.problems()).isEmpty();
        assertThat(report.swept()).isEmpty();
        assertThat(report.clean()).isTrue();
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void cleanupIsCleanOnlyWithoutProblemsNotesAside() {
        assertThat(new CleanupReport(true, true, List.of("pod x"), List.of(), List.of("the delete took 40s")).clean()).isTrue();
        assertThat(new CleanupReport(true, false, List.of(), List.of("workflow still there after 60s")).clean()).isFalse();
    }
}
