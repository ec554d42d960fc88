package dev.workflowrun.survey.decide;

import dev.workflowrun.survey.Fixtures;
import dev.workflowrun.survey.Survey;
import dev.workflowrun.survey.model.Decision;
import dev.workflowrun.survey.model.ScenarioFacts;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionRulesTest {

    private static Decision decide(ScenarioFacts... facts) {
        return Survey.ofFacts(List.of(facts)).decision();
    }

    private static List<String> rules(Decision d) {
        return d.reasons().stream().filter(r -> !r.forPromote()).map(Decision.Reason::rule).toList();
    }

    @Test
    void three_wrappers_that_differ_only_in_values_and_drift_are_promoted() {
        Decision d = decide(Fixtures.plain("a"),
                Fixtures.facts("b", Fixtures.workflow("b", "LOAD_IMAGE"), Fixtures.wrapper("b", 60, "300s", "")),
                Fixtures.facts("c", Fixtures.workflow("c"), Fixtures.wrapper("c", 30, "120s", "").replace("trap upload EXIT\n", "") + "upload\n"));
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.PROMOTE);
        assertThat(d.premature()).isFalse();
        assertThat(d.flags()).anyMatch(f -> f.startsWith("--bucket")).anyMatch(f -> f.startsWith("--var LOAD_IMAGE"));
        assertThat(d.notExposed()).anyMatch(k -> k.startsWith("wrapper.wait.poll-interval"));
    }

    @Test
    void a_derived_value_does_not_stop_promotion() {
        String derived = Fixtures.wrapper("c", 30, "120s", "TAG=\"${SEITASK_IMAGE##*:}\"");
        Decision d = decide(Fixtures.plain("a"), Fixtures.plain("b"), Fixtures.facts("c", Fixtures.workflow("c"), derived));
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.PROMOTE);
        assertThat(d.extraSteps()).anyMatch(e -> e.contains("TAG derived from SEITASK_IMAGE"));
    }

    @Test
    void fewer_than_three_scenarios_is_a_premature_keep_that_still_reports() {
        Decision d = decide(Fixtures.plain("a"), Fixtures.plain("b"));
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.KEEP);
        assertThat(d.premature()).isTrue();
        assertThat(rules(d)).containsExactly("R1 checkpoint size");
        assertThat(d.flags()).isNotEmpty();
    }

    @Test
    void a_bespoke_cluster_step_keeps_the_bash() {
        String bespoke = Fixtures.wrapper("c", 30, "120s", "kubectl scale deployment/validator --replicas=0");
        Decision d = decide(Fixtures.plain("a"), Fixtures.plain("b"), Fixtures.facts("c", Fixtures.workflow("c"), bespoke));
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.KEEP);
        assertThat(rules(d)).containsExactly("R4 no bespoke steps");
        assertThat(d.reasons().stream().filter(r -> r.rule().startsWith("R4")).findFirst().orElseThrow().evidence())
                .anyMatch(e -> e.contains("kubectl scale"));
    }

    @Test
    void a_wrapper_that_never_applies_or_waits_has_another_structure_and_keeps_the_bash() {
        String helm = """
                curl -fsSL -o s.yaml "https://raw.githubusercontent.com/o/r/${SCENARIO_REF}/scenarios/c.yaml"
                envsubst '${SEI_NAMESPACE}' < s.yaml > r.yaml
                aws s3 cp r.yaml s3://harbor-validation-results/c/
                """;
        Decision d = decide(Fixtures.plain("a"), Fixtures.plain("b"), Fixtures.facts("c", Fixtures.workflow("c"), helm));
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.KEEP);
        assertThat(rules(d)).contains("R3 same skeleton");
    }

    @Test
    void a_partially_parsed_wrapper_keeps_the_bash_until_it_parses() {
        String broken = Fixtures.wrapper("c", 30, "120s", "if then fi (((");
        Decision d = decide(Fixtures.plain("a"), Fixtures.plain("b"), Fixtures.facts("c", Fixtures.workflow("c"), broken));
        assertThat(d.verdict()).isEqualTo(Decision.Verdict.KEEP);
        assertThat(rules(d)).contains("R2 complete evidence");
    }
}
