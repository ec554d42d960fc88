package dev.workflowrun.runner.sandbox;

import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.manifest.WorkflowSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationTest {

    private static WorkflowTemplate template(String name, String type, Duration deadline) {
        return new WorkflowTemplate(name, type, Optional.of(deadline), List.of(), List.of(), List.of(), "", Optional.empty());
    }

    private static final WorkflowSpec RELEASE_TEST = new WorkflowSpec("release-test", List.of(
            template("release-test", "Serial", Duration.ofMinutes(60)),
            template("keygen-admin", "Task", Duration.ofMinutes(2)),
            template("run-release-test", "Task", Duration.ofMinutes(32)),
            template("upload-report", "Task", Duration.ofMinutes(3))));

    @Test
    void overrunOnItsOwnPicksTheLongestTaskAndPutsBothRunnerDeadlinesBeforeEveryDeadlineOfTheWorkflow() {
        Simulation.Overrun overrun = Simulation.overrun(Map.of("overrun", ""), RELEASE_TEST).orElseThrow();

        assertThat(overrun.task()).isEqualTo("run-release-test");
        assertThat(overrun.hard()).isEqualTo(Duration.ofMinutes(21)).isLessThan(Duration.ofMinutes(32));
        assertThat(overrun.soft()).isEqualTo(Duration.ofMinutes(10)).isLessThan(overrun.hard());
        assertThat(Simulation.perTask(Map.of("overrun", "", "keygen-admin", "exit:1"), Optional.of(overrun)))
                .containsOnly(Map.entry("run-release-test", "overrun"), Map.entry("keygen-admin", "exit:1"));
    }

    @Test
    void aParentDeadlineShorterThanTheTasksBoundsTheRunnerDeadlinesToo() {
        WorkflowSpec tight = new WorkflowSpec("main", List.of(template("main", "Serial", Duration.ofMinutes(9)),
                template("long", "Task", Duration.ofMinutes(30))));
        Simulation.Overrun overrun = Simulation.overrun(Map.of("overrun", ""), tight).orElseThrow();
        assertThat(overrun.hard()).isEqualTo(Duration.ofMinutes(6));
        assertThat(overrun.soft()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aTaskNamedOverrunKeepsItsOwnMeaning() {
        assertThat(Simulation.overrun(Map.of("run-release-test", "overrun"), RELEASE_TEST)).isEmpty();
        assertThat(Simulation.perTask(Map.of("run-release-test", "overrun"), Optional.empty())).containsOnly(Map.entry("run-release-test", "overrun"));
    }
}
