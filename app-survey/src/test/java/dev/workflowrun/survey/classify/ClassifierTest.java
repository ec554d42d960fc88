package dev.workflowrun.survey.classify;

import dev.workflowrun.survey.Fixtures;
import dev.workflowrun.survey.model.Finding;
import dev.workflowrun.survey.model.KnobClass;
import dev.workflowrun.survey.model.KnobRow;
import dev.workflowrun.survey.model.ScenarioFacts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifierTest {

    private static KnobClass classOf(List<ScenarioFacts> facts, String knob) {
        return Classifier.classify(facts).stream().filter(r -> r.name().equals(knob)).map(KnobRow::knobClass).findFirst().orElseThrow();
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::id).toList();
    }

    @Test
    void the_same_value_everywhere_is_universal_constant_even_when_it_names_the_scenario() {
        List<ScenarioFacts> f = List.of(Fixtures.plain("a"), Fixtures.plain("b"), Fixtures.plain("c"));
        assertThat(classOf(f, "wrapper.upload.bucket")).isEqualTo(KnobClass.UNIVERSAL_CONSTANT);
        assertThat(classOf(f, "wrapper.upload.key-shape")).isEqualTo(KnobClass.UNIVERSAL_CONSTANT);
        assertThat(classOf(f, "var.SEI_NAMESPACE")).isEqualTo(KnobClass.UNIVERSAL_CONSTANT);
    }

    @Test
    void a_value_present_everywhere_that_differs_is_universal_varying() {
        List<ScenarioFacts> f = List.of(Fixtures.plain("a"),
                Fixtures.facts("b", Fixtures.workflow("b"), Fixtures.wrapper("b", 30, "120s", "").replace("-ge 4500", "-ge 5400")));
        assertThat(classOf(f, "wrapper.wait.hard-deadline")).isEqualTo(KnobClass.UNIVERSAL_VARYING);
    }

    @Test
    void a_placeholder_only_some_scenarios_declare_is_scenario_intrinsic() {
        List<ScenarioFacts> f = List.of(Fixtures.plain("a"),
                Fixtures.facts("b", Fixtures.workflow("b", "LOAD_IMAGE"), Fixtures.wrapper("b", 30, "120s", "").replace("${SEITASK_IMAGE}'",
                        "${SEITASK_IMAGE} ${LOAD_IMAGE}'")));
        assertThat(classOf(f, "var.LOAD_IMAGE")).isEqualTo(KnobClass.SCENARIO_INTRINSIC);
    }

    @Test
    void an_allow_listed_name_the_scenario_never_declares_is_yagni() {
        ScenarioFacts a = Fixtures.facts("a", Fixtures.workflow("a"),
                Fixtures.wrapper("a", 30, "120s", "").replace("${SEITASK_IMAGE}'", "${SEITASK_IMAGE} ${UNUSED_IMAGE}'"));
        List<ScenarioFacts> f = List.of(a, Fixtures.plain("b"));
        assertThat(classOf(f, "var.UNUSED_IMAGE")).isEqualTo(KnobClass.YAGNI);
        assertThat(a.knobs().get("var.UNUSED_IMAGE").yagni()).contains("never declares");
        assertThat(ids(Classifier.drift(f))).contains("drift.allow-list-not-header");
    }

    @Test
    void a_declared_placeholder_the_body_never_uses_is_yagni() {
        String workflow = Fixtures.workflow("a").replace("#   $SEITASK_IMAGE          task image\n",
                "#   $SEITASK_IMAGE          task image\n#   $NEVER_USED   declared only\n");
        ScenarioFacts a = Fixtures.facts("a", workflow, Fixtures.wrapper("a", 30, "120s", ""));
        assertThat(a.knobs().get("var.NEVER_USED").yagni()).contains("never used");
    }

    @Test
    void the_same_intent_implemented_differently_is_drift() {
        List<ScenarioFacts> f = List.of(Fixtures.plain("a"), Fixtures.facts("b", Fixtures.workflow("b"), Fixtures.wrapper("b", 60, "300s", "")));
        assertThat(classOf(f, "wrapper.wait.poll-interval")).isEqualTo(KnobClass.DRIFT);
        assertThat(classOf(f, "wrapper.cleanup.delete-timeout")).isEqualTo(KnobClass.DRIFT);
        assertThat(ids(Classifier.drift(f))).contains("drift.delete-bound");
    }

    @Test
    void drift_rules_catch_ordering_missing_sweep_upload_on_success_only_and_a_repeating_warning() {
        String base = Fixtures.wrapper("b", 30, "120s", "");
        String reordered = base.replace("""
                kubectl get workflow "${WF}" -o yaml > /tmp/out/workflow.yaml
                kubectl get workflownodes -l "chaos-mesh.org/workflow=${WF}" -o yaml > /tmp/out/workflownodes.yaml
                kubectl annotate workflow "${WF}" workflow.chaos-mesh.org/abort=true --overwrite
                kubectl delete workflow "${WF}" --wait=true --timeout=120s
                """, """
                kubectl annotate workflow "${WF}" workflow.chaos-mesh.org/abort=true --overwrite
                kubectl delete workflow "${WF}" --wait=true --timeout=120s
                kubectl get workflow "${WF}" -o yaml > /tmp/out/workflow.yaml
                """).replace("kubectl delete pods -l \"chaos-mesh.org/workflow=${WF}\"\n", "")
                .replace("trap upload EXIT\n", "").replace("    WARNED=1\n", "") + "upload\n";
        ScenarioFacts b = Fixtures.facts("b", Fixtures.workflow("b"), reordered);
        List<String> ids = ids(Classifier.drift(List.of(Fixtures.plain("a"), b)));
        assertThat(ids).contains("drift.capture-after-delete", "drift.missing-sweep", "drift.upload-skipped-on-failure",
                "drift.overrun-warning-repeats", "drift.pass-on-accomplished");
    }

    @Test
    void sha_drift_is_an_image_from_the_controller_repository_not_at_the_ref() {
        var cron = dev.workflowrun.survey.scenario.ScenarioReader.cronjob("a", """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: a}
                spec:
                  schedule: "0 1 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                            - name: w
                              image: toolbox:1
                              env:
                                - {name: SCENARIO_REF, value: "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291807"}
                                - {name: SEITASK_IMAGE, value: "ghcr.io/x/seitask:4b1d2c3e5f60"}
                """);
        ScenarioFacts a = ScenarioSurveyor.survey("a", dev.workflowrun.survey.scenario.ScenarioReader.workflow("a", Fixtures.workflow("a")),
                Fixtures.wrapper("a", 30, "120s", ""), java.util.Optional.of(cron));
        List<Finding> sha = Classifier.shaDrift(List.of(a));
        assertThat(sha).singleElement().extracting(Finding::id).isEqualTo("sha.image-not-at-ref");
        assertThat(Classifier.shaDrift(List.of(Fixtures.plain("b")))).isEmpty();
    }
}
