package dev.workflowrun.survey.decide;

import dev.workflowrun.survey.model.Decision;
import dev.workflowrun.survey.model.ExtraStep;
import dev.workflowrun.survey.model.Finding;
import dev.workflowrun.survey.model.KnobClass;
import dev.workflowrun.survey.model.KnobRow;
import dev.workflowrun.survey.model.KnobValue;
import dev.workflowrun.survey.model.OpKind;
import dev.workflowrun.survey.model.Operation;
import dev.workflowrun.survey.model.ScenarioFacts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule of the promote-or-keep decision on hand-made facts, at its edge: one scenario fewer,
 * one operation missing, one step of each kind, one wrapper more or less that the survey could not read.
 */
class DecisionRuleByRuleTest {

    private static ScenarioFacts facts(String name, List<OpKind> ops, List<ExtraStep> extras, List<String> problems) {
        List<Operation> operations = ops.stream().map(k -> new Operation(k, List.of(1), "how")).toList();
        return new ScenarioFacts(name, operations, List.of(), new TreeMap<>(), extras, problems, List.of(), Map.of());
    }

    private static ScenarioFacts plain(String name) {
        return facts(name, List.of(OpKind.FETCH, OpKind.APPLY, OpKind.WAIT), List.of(), List.of());
    }

    private static ScenarioFacts withExtras(String name, ExtraStep... extras) {
        return facts(name, List.of(OpKind.FETCH, OpKind.APPLY, OpKind.WAIT), Arrays.asList(extras), List.of());
    }

    private static Decision decide(ScenarioFacts... scenarios) {
        return DecisionRules.decide(List.of(scenarios), List.of(), List.of(), List.of());
    }

    private static List<String> keepRules(Decision d) {
        return d.reasons().stream().filter(r -> !r.forPromote()).map(Decision.Reason::rule).toList();
    }

    private static Decision.Check check(Decision d, String rule) {
        return d.checks().stream().filter(c -> c.rule().equals(rule)).findFirst().orElseThrow();
    }

    private static KnobRow knob(String name, KnobClass cls, String becomes, Map<String, KnobValue> values) {
        return new KnobRow(name, cls, new TreeMap<>(values), becomes);
    }

    @Test
    void threePlainScenariosArePromotedWithEveryCheckSaidAndHighConfidence() {
        Decision d = decide(plain("a"), plain("b"), plain("c"));

        assertThat(d.verdict()).isEqualTo(Decision.Verdict.PROMOTE);
        assertThat(d.premature()).isFalse();
        assertThat(keepRules(d)).isEmpty();
        assertThat(d.checks()).extracting(Decision.Check::rule)
                .containsExactly("R1 checkpoint size", "R2 complete evidence", "R3 same skeleton", "R4 no bespoke steps",
                        "R5 values only", "R6 drift removed", "R7 SHA invariants", "R8 understood");
        assertThat(check(d, "R1 checkpoint size")).isEqualTo(new Decision.Check("R1 checkpoint size", false, false, "3 scenarios"));
        assertThat(check(d, "R2 complete evidence").result()).isEqualTo("every wrapper parsed completely");
        assertThat(check(d, "R3 same skeleton").result()).isEqualTo("every wrapper fetches, applies and waits");
        assertThat(check(d, "R4 no bespoke steps").result()).isEqualTo("no command changes anything outside the seven operations");
        assertThat(check(d, "R5 values only").fired()).isTrue();
        assertThat(check(d, "R5 values only").forPromote()).isTrue();
        assertThat(check(d, "R6 drift removed")).isEqualTo(new Decision.Check("R6 drift removed", true, false, "nothing to remove: no drift finding"));
        assertThat(check(d, "R7 SHA invariants").result()).isEqualTo("nothing to refuse: no SHA-drift finding");
        assertThat(check(d, "R8 understood").fired()).isFalse();
        assertThat(check(d, "R8 understood").result()).startsWith("confidence high: ");
        assertThat(d.confidence().level()).isEqualTo("high");
    }

    @Test
    void twoScenariosArePrematureAndKeepThreeAreNot() {
        Decision two = decide(plain("a"), plain("b"));

        assertThat(two.verdict()).isEqualTo(Decision.Verdict.KEEP);
        assertThat(two.premature()).isTrue();
        assertThat(keepRules(two)).containsExactly("R1 checkpoint size");
        assertThat(check(two, "R1 checkpoint size").fired()).isTrue();
        assertThat(two.reasons().get(0).evidence()).containsExactly("N=2");
    }

    @Test
    void aPartiallyParsedWrapperKeepsNamingItsProblems() {
        Decision d = decide(plain("a"), plain("b"), facts("c", List.of(OpKind.FETCH, OpKind.APPLY, OpKind.WAIT), List.of(),
                List.of("line 3: unexpected token", "line 9: unterminated quote")));

        assertThat(d.verdict()).isEqualTo(Decision.Verdict.KEEP);
        assertThat(keepRules(d)).containsExactly("R2 complete evidence");
        assertThat(d.reasons().get(0).evidence()).containsExactly("c: line 3: unexpected token; line 9: unterminated quote");
    }

    @Test
    void eachMissingOperationOfTheSkeletonIsNamed() {
        Decision d = decide(plain("a"), facts("b", List.of(OpKind.FETCH, OpKind.WAIT), List.of(), List.of()),
                facts("c", List.of(OpKind.APPLY), List.of(), List.of()));

        assertThat(d.verdict()).isEqualTo(Decision.Verdict.KEEP);
        assertThat(keepRules(d)).containsExactly("R3 same skeleton");
        assertThat(d.reasons().get(0).evidence()).containsExactly("b does not " + OpKind.APPLY.label(),
                "c does not " + OpKind.FETCH.label(), "c does not " + OpKind.WAIT.label());
    }

    @Test
    void onlyABespokeStepKeepsOtherStepsAreListedWhereTheyLive() {
        Decision d = decide(plain("a"), withExtras("b", new ExtraStep(ExtraStep.Kind.DERIVED_VALUE, "TAG derived", 4, "--var TAG"),
                        new ExtraStep(ExtraStep.Kind.COVERED, "reads exit codes", 7, "the runner")),
                withExtras("c", new ExtraStep(ExtraStep.Kind.BESPOKE, "kubectl scale", 12, "a Task in the Workflow"),
                        new ExtraStep(ExtraStep.Kind.RUNTIME_READ, "kubectl get cm", 13, "a Task")));

        assertThat(d.verdict()).isEqualTo(Decision.Verdict.KEEP);
        assertThat(keepRules(d)).containsExactly("R4 no bespoke steps");
        assertThat(d.reasons().get(0).text()).startsWith("1 step(s) change something outside");
        assertThat(d.reasons().get(0).evidence()).containsExactly("c wrapper.sh:12: kubectl scale; could live in a Task in the Workflow");
        assertThat(d.extraSteps()).containsExactly("b wrapper.sh:4 TAG derived -> --var TAG", "b wrapper.sh:7 reads exit codes -> the runner",
                "c wrapper.sh:12 kubectl scale -> a Task in the Workflow", "c wrapper.sh:13 kubectl get cm -> a Task");
        assertThat(d.confidence().level()).isEqualTo("high");
    }

    @Test
    void whatIsNotUnderstoodLowersConfidenceButNeverKeeps() {
        ExtraStep unknown = new ExtraStep(ExtraStep.Kind.NOT_UNDERSTOOD, "eval \"$X\"", 5, "?");
        Decision one = decide(plain("a"), plain("b"), plain("c"), withExtras("d", unknown, unknown));
        Decision two = decide(plain("a"), plain("b"), withExtras("c", unknown), withExtras("d", unknown));
        Decision three = decide(plain("a"), withExtras("b", unknown), withExtras("c", unknown), withExtras("d", unknown));

        assertThat(one.verdict()).isEqualTo(Decision.Verdict.PROMOTE);
        assertThat(one.confidence().level()).isEqualTo("medium");
        assertThat(one.confidence().why()).startsWith("2 construct(s) in 1 of 4 wrapper(s)");
        assertThat(one.confidence().notUnderstood()).containsExactly("d wrapper.sh:5: eval \"$X\"", "d wrapper.sh:5: eval \"$X\"");
        assertThat(check(one, "R8 understood").fired()).isTrue();
        assertThat(check(one, "R8 understood").result()).startsWith("confidence medium: ");
        assertThat(two.confidence().level()).isEqualTo("medium");
        assertThat(three.confidence().level()).isEqualTo("low");
    }

    @Test
    void valuesDriftAndShaDriftAreThePromoteArguments() {
        KnobValue v = KnobValue.of("30", "wrapper.sh", 3);
        List<KnobRow> knobs = List.of(
                knob("wrapper.wait.timeout", KnobClass.UNIVERSAL_VARYING, "--hard-deadline", Map.of("a", v, "b", KnobValue.of("60", "wrapper.sh", 3))),
                knob("var.LOAD_IMAGE", KnobClass.SCENARIO_INTRINSIC, "--var=LOAD_IMAGE", Map.of("b", v, "c", v.yagni("never read"))),
                knob("wrapper.bucket", KnobClass.UNIVERSAL_CONSTANT, "--bucket=...", Map.of("a", KnobValue.of("results", "wrapper.sh", 2))),
                knob("wrapper.poll", KnobClass.YAGNI, "--poll", Map.of("a", v)),
                knob("wrapper.status", KnobClass.DRIFT, "--status", Map.of("a", v)),
                knob("workflow.entry", KnobClass.UNIVERSAL_VARYING, "the scenario file", Map.of("a", v)));
        List<Finding> drift = List.of(new Finding("D1", "two ways to wait", List.of("a", "b"), List.of("e1"), "one wait"));
        List<Finding> sha = List.of(new Finding("S1", "tag differs", List.of("c"), List.of("c: seitask:abc != ref def"), "refuse"));

        Decision d = DecisionRules.decide(List.of(plain("a"), plain("b"), plain("c")), knobs, drift, sha);

        assertThat(d.verdict()).isEqualTo(Decision.Verdict.PROMOTE);
        Decision.Reason values = d.reasons().stream().filter(r -> r.rule().equals("R5 values only")).findFirst().orElseThrow();
        assertThat(values.evidence()).containsExactly("wrapper.wait.timeout -> --hard-deadline", "var.LOAD_IMAGE -> --var=LOAD_IMAGE");
        assertThat(values.text()).contains("(2 map to typed flags or --var), YAGNI (1) or an implementation difference (1)");
        assertThat(d.reasons()).filteredOn(r -> r.rule().equals("R6 drift removed")).singleElement()
                .satisfies(r -> assertThat(r.evidence()).containsExactly("D1 (a, b)"));
        assertThat(d.reasons()).filteredOn(r -> r.rule().equals("R7 SHA invariants")).singleElement()
                .satisfies(r -> assertThat(r.evidence()).containsExactly("c: seitask:abc != ref def"));
        assertThat(check(d, "R6 drift removed").fired()).isTrue();
        assertThat(check(d, "R7 SHA invariants").fired()).isTrue();
        assertThat(d.notExposed()).containsExactly("wrapper.poll (yagni)", "wrapper.status (drift)");
        assertThat(d.flags()).contains("--scenario=<name> (the scenario directory's name)",
                "--hard-deadline (universal-varying, from wrapper.wait.timeout)",
                "--expect-ref-image=SEITASK_IMAGE (the SHA invariant; 1 SHA-drift finding(s) today)",
                "--var LOAD_IMAGE=... (scenario-intrinsic: b)");
        assertThat(d.flags()).anyMatch(f -> f.startsWith("--bucket (universal-constant, default "));
        assertThat(d.flags()).noneMatch(f -> f.startsWith("--poll") || f.startsWith("--status") || f.startsWith("the scenario"));
        assertThat(d.flags().get(d.flags().size() - 1)).startsWith("--var ");
    }

    @Test
    void withoutShaDriftTheInvariantFlagSaysSoAndAConstantWrapperDefaultWinsTheFlag() {
        KnobValue v = KnobValue.of("5", "wrapper.sh", 3);
        List<KnobRow> knobs = new ArrayList<>(List.of(
                knob("cron.deadline", KnobClass.UNIVERSAL_VARYING, "--soft-deadline", Map.of("a", v)),
                knob("wrapper.deadline", KnobClass.UNIVERSAL_CONSTANT, "--soft-deadline", Map.of("a", v)),
                knob("cron.other", KnobClass.UNIVERSAL_VARYING, "--soft-deadline", Map.of("a", v))));

        Decision d = DecisionRules.decide(List.of(plain("a"), plain("b"), plain("c")), knobs, List.of(), List.of());

        assertThat(d.flags()).contains("--expect-ref-image=SEITASK_IMAGE (the SHA invariant)");
        assertThat(d.flags()).filteredOn(f -> f.startsWith("--soft-deadline")).singleElement().asString().contains("universal-constant");
    }
}
