package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestObject;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.WorkflowSpec;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ControllerAdmissionRuleTest {

    private static WorkflowTemplate template(String name, String type, String deadline, Optional<String> container) {
        return new WorkflowTemplate(name, type, Optional.ofNullable(deadline).map(d -> Duration.parse("PT" + d.toUpperCase())),
                List.of(), List.of(), List.of(), "", container);
    }

    private static List<LintFinding> check(WorkflowTemplate... templates) {
        ManifestObject wf = new ManifestObject("chaos-mesh.org/v1alpha1", "Workflow", "load-test-1", Optional.of("nightly"), Map.of());
        ParsedManifest m = new ParsedManifest(List.of(wf), Optional.of(wf), Optional.of(new WorkflowSpec("main", List.of(templates))));
        return new ControllerAdmissionRule().check(new LintContext(m, "", "", List.of(), "nightly", "load-test-1"));
    }

    @Test
    void aTaskWithANamedContainerAndStepsWithDeadlinesPass() {
        assertThat(check(template("main", "Serial", "90m", Optional.empty()),
                template("run-load", "Task", "30m", Optional.of("run-load")),
                template("settle", "Suspend", "5m", Optional.empty()),
                template("kill-rpc", "PodChaos", "10m", Optional.empty()))).isEmpty();
    }

    @Test
    void aSuspendWithoutDeadlineIsWhatTheWebhookRefuses() {
        assertThat(check(template("settle", "Suspend", null, Optional.empty())))
                .singleElement().satisfies(f -> {
                    assertThat(f.isError()).isTrue();
                    assertThat(f.message()).contains("Suspend template 'settle' has no deadline", "admission webhook refuses it", "deadline: 10m");
                });
    }

    @Test
    void scheduleAndChaosStepsWithoutDeadlineWouldNeverFinish() {
        assertThat(check(template("kill-rpc", "PodChaos", null, Optional.empty()), template("every", "Schedule", null, Optional.empty())))
                .extracting(LintFinding::message)
                .allSatisfy(m -> assertThat(m).contains("would never finish"))
                .hasSize(2);
    }

    @Test
    void templateNamesMustBeKubernetesNamesShortEnoughForTheControlledByLabel() {
        String fiftySeven = "a".repeat(57);
        assertThat(check(template(fiftySeven, "Task", "5m", Optional.of("t")))).isEmpty();
        assertThat(check(template(fiftySeven + "b", "Task", "5m", Optional.of("t"))))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("58 characters", "at most 57"));
        assertThat(check(template("Keygen_Admin", "Task", "5m", Optional.of("t"))))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("'Keygen_Admin' is not a Kubernetes name"));
    }

    @Test
    void aNameWithATerminalEscapeIsRefusedAndShownEscaped() {
        assertThat(check(template("keygen\u001b[2Jadmin", "Task", "5m", Optional.of("t"))))
                .singleElement().satisfies(f -> {
                    assertThat(f.message()).contains("keygen\\u001b[2Jadmin").doesNotContain("\u001b");
                });
    }

    @Test
    void aTaskContainerWithoutANameIsRefused() {
        assertThat(check(template("keygen-admin", "Task", "5m", Optional.empty())))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("no task.container.name", "name: keygen-admin"));
    }
}
