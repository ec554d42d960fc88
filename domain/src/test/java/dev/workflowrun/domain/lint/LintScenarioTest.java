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

    @Test
    void aScenarioWhoseRolesHaveOtherNamesLintsCleanWhenTheHeaderMarksThemOrTheFlagsNameThem() {
        String marked = """
                # Placeholders:
                #   $RUN_ID (run-id)     unique per run
                #   $NS (namespace)      where the workflow runs
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata:
                  name: soak-$RUN_ID
                  namespace: $NS
                spec:
                  entry: soak
                  templates:
                    - name: soak
                      templateType: Suspend
                      deadline: 5m
                """;
        String marked2 = marked;
        assertThat(lint.lint("soak", marked2, "nightly", Map.of())).isEmpty();
        String unmarked = marked2.replace("$RUN_ID (run-id)", "$RUN_ID         ").replace("$NS (namespace)", "$NS            ");
        assertThat(lint.lint("soak", unmarked, "nightly", Map.of(), "RUN_ID", "NS")).isEmpty();
        assertThat(lint.lint("soak", unmarked, "nightly", Map.of())).extracting(LintFinding::toString)
                .contains("error [workflow-name] the Workflow is named 'soak-unchecked'; name it soak-$SEI_WORKFLOW_RUN_ID so each run has its own"
                        + " Workflow and a retry can adopt it (declare $SEI_WORKFLOW_RUN_ID in the header, or mark the run-id placeholder:"
                        + " $NAME (run-id), or pass --run-id-var)");
        assertThat(lint.lint("soak", marked2, "nightly", Map.of("RUN_ID", "x"))).extracting(LintFinding::toString)
                .contains("error [variables] RUN_ID: plays the run-id role: the runner fills it from --run-id (drop --var RUN_ID and pass --run-id=<value> instead)");
    }

    /** Written as a team writes a load test: an untyped count of minutes, used in a Task's arguments only. */
    private static final String LOAD_TEST = """
            # Placeholders:
            #   $SEI_WORKFLOW_RUN_ID   unique per run
            #   $SEI_NAMESPACE         where the workflow runs
            #   $DURATION_MINUTES      how long the load runs
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata:
              name: load-test-$SEI_WORKFLOW_RUN_ID
              namespace: $SEI_NAMESPACE
            spec:
              entry: load
              templates:
                - name: load
                  templateType: Task
                  deadline: 2h
                  task:
                    container:
                      name: load
                      image: registry.example/load@sha256:4f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a10
                      args: ["--minutes", "$DURATION_MINUTES"]
            """;

    @Test
    void aNameThatSuggestsATypeIsNotHeldAgainstTheStandIn() {
        assertThat(lint.lint("load-test", LOAD_TEST, "nightly", Map.of())).extracting(LintFinding::toString)
                .noneMatch(f -> f.contains("placeholder-types"));
    }

    @Test
    void aNameThatSuggestsATypeIsSaidOfAGivenValue() {
        assertThat(lint.lint("load-test", LOAD_TEST, "nightly", Map.of("DURATION_MINUTES", "ninety"))).extracting(LintFinding::toString)
                .anyMatch(f -> f.startsWith("warning [placeholder-types] $DURATION_MINUTES: its name suggests") && f.contains("'ninety'"));
    }
}
