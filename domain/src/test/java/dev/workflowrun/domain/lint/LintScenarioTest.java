package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.testing.FakeManifestReader;
import dev.workflowrun.domain.testing.Scenarios;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LintScenarioTest {

    private final LintScenario lint = new LintScenario(new FakeManifestReader(), List.of(new WorkflowShapeRule(), new AllowedKindsRule()));

    @Test
    void aScenarioIsCheckedWithStandInsForTheValuesNotGiven() {
        assertThat(lint.lint("release-test", Scenarios.RELEASE_TEST, "nightly", Map.of())).isEmpty();
    }

    @Test
    void aWorkflowNamedWithoutTheRunIdIsAnError() {
        String template = Scenarios.RELEASE_TEST.replace("name: release-test-$SEI_WORKFLOW_RUN_ID", "name: release-test");
        assertThat(lint.lint("release-test", template, "nightly", Map.of())).extracting(LintFinding::toString)
                .containsExactly("error [workflow-name] the Workflow is named 'release-test'; name it release-test-$SEI_WORKFLOW_RUN_ID"
                        + " so each run has its own Workflow and a retry can adopt it");
    }

    @Test
    void aGivenValueOfTheWrongTypeIsAnError() {
        assertThat(lint.lint("release-test", Scenarios.RELEASE_TEST, "nightly", Map.of("SEID_IMAGE", "not an image")))
                .singleElement().satisfies(f -> assertThat(f.toString()).startsWith("error [variables] SEID_IMAGE: 'not an image' is not an image reference"));
    }

    @Test
    void aWorkflowForAnotherNamespaceIsAnError() {
        String template = Scenarios.RELEASE_TEST.replace("namespace: $SEI_NAMESPACE", "namespace: kube-system");
        assertThat(lint.lint("release-test", template, "nightly", Map.of())).extracting(LintFinding::message)
                .containsExactly("Workflow 'release-test-lint' is for namespace 'kube-system', not the run's 'nightly'");
    }
}
