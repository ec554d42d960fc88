package dev.workflowrun.domain.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportRecordsTest {

    @Test
    void aPassedTaskIsListedWithItsExitAndMillisAndNoMessage() {
        TaskResult passed = new TaskResult("keygen", TaskResult.Status.PASSED, Optional.of(0), Optional.of(Duration.ofSeconds(3)), null);

        assertThat(passed.message()).isEmpty();
        assertThat(passed.toJson()).containsExactly(Map.entry("name", "keygen"), Map.entry("result", "PASSED"),
                Map.entry("exitCode", 0), Map.entry("millis", 3000L));
    }

    @Test
    void aTaskThatNeverRanHasNeitherExitNorDurationButSaysWhy() {
        TaskResult skipped = new TaskResult("upload", TaskResult.Status.SKIPPED, Optional.empty(), Optional.empty(), "never ran");

        assertThat(skipped.toJson()).containsExactly(Map.entry("name", "upload"), Map.entry("result", "SKIPPED"), Map.entry("message", "never ran"));
    }

    @Test
    void aTaskResultNeedsItsNameStatusExitAndDuration() {
        assertThatThrownBy(() -> new TaskResult(null, TaskResult.Status.PASSED, Optional.empty(), Optional.empty(), "")).hasMessage("name");
        assertThatThrownBy(() -> new TaskResult("a", null, Optional.empty(), Optional.empty(), "")).hasMessage("status");
        assertThatThrownBy(() -> new TaskResult("a", TaskResult.Status.PASSED, null, Optional.empty(), "")).hasMessage("exitCode");
        assertThatThrownBy(() -> new TaskResult("a", TaskResult.Status.PASSED, Optional.empty(), null, "")).hasMessage("duration");
    }

    @Test
    void checksSortTheirTasksAndKeepTheirOwnCopies() {
        List<String> tasks = new ArrayList<>(List.of("upload", "keygen", "run"));
        RunChecks checks = new RunChecks(true, true, List.of(), List.of(), tasks, Map.of("IMG", "ghcr.io/a/b:1"));
        tasks.add("late");

        assertThat(checks.tasks()).containsExactly("keygen", "run", "upload");
        assertThat(checks.images()).containsExactly(Map.entry("IMG", "ghcr.io/a/b:1"));
        assertThat(RunChecks.NONE.rendered()).isFalse();
        assertThat(RunChecks.NONE.verified()).isFalse();
    }
}
