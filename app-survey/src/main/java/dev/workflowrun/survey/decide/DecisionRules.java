package dev.workflowrun.survey.decide;

import dev.workflowrun.survey.model.Decision;
import dev.workflowrun.survey.model.ExtraStep;
import dev.workflowrun.survey.model.Finding;
import dev.workflowrun.survey.model.KnobClass;
import dev.workflowrun.survey.model.KnobRow;
import dev.workflowrun.survey.model.OpKind;
import dev.workflowrun.survey.model.ScenarioFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Maps the evidence to PROMOTE or KEEP. The rules, in the order they are checked:
 *
 * <ul>
 * <li><b>R1 checkpoint size</b>: below {@value #CHECKPOINT} scenarios the checkpoint is premature (the seed's rule): KEEP, still report.</li>
 * <li><b>R2 complete evidence</b>: a wrapper the grammar could not fully parse: KEEP until it parses.</li>
 * <li><b>R3 same skeleton</b>: a wrapper that does not fetch, apply and wait the same way (one of those is missing) has a
 *     different structure: KEEP.</li>
 * <li><b>R4 no bespoke steps</b>: a command outside the seven operations that is neither a derived value nor something the
 *     runner does anyway needs a hook no flag expresses: KEEP.</li>
 * <li><b>R5 values only</b>: every knob that differs is a value (a typed flag or a --var), derivable, YAGNI, or drift: PROMOTE argument.</li>
 * <li><b>R6 drift removed</b>: every drift finding is something the typed runner removes by construction: PROMOTE argument.</li>
 * <li><b>R7 SHA invariants</b>: SHA-drift findings become refusals before apply (build-time invariants): PROMOTE argument.</li>
 * </ul>
 * The verdict is PROMOTE when no KEEP rule fired.
 */
public final class DecisionRules {

    public static final int CHECKPOINT = 3;
    /** The rules as the write-up states them. */
    public static final List<String> RULES = List.of(
            "R1 checkpoint size (keep): fewer than 3 scenarios means the checkpoint is premature (the seed's rule); still report",
            "R2 complete evidence (keep): a wrapper the bash grammar could not fully parse leaves the evidence incomplete",
            "R3 same skeleton (keep): a wrapper that does not fetch, apply and wait has a structure no flag expresses",
            "R4 no bespoke steps (keep): a command outside the seven operations that is neither a derived value nor done by the runner anyway",
            "R5 values only (promote): every knob that differs is a value (typed flag or --var), YAGNI, or an implementation difference",
            "R6 drift removed (promote): each drift finding is removed by the typed runner by construction",
            "R7 SHA invariants (promote): SHA-drift findings become refusals before apply");
    private static final List<OpKind> SKELETON = List.of(OpKind.FETCH, OpKind.APPLY, OpKind.WAIT);

    private DecisionRules() {
    }

    public static Decision decide(List<ScenarioFacts> scenarios, List<KnobRow> knobs, List<Finding> drift, List<Finding> shaDrift) {
        List<Decision.Reason> reasons = new ArrayList<>();
        boolean keep = false;
        int n = scenarios.size();
        boolean premature = n < CHECKPOINT;
        if (premature) {
            keep = true;
            reasons.add(new Decision.Reason("R1 checkpoint size", false, "only " + n + " scenario(s); the seed asks to survey at N="
                    + CHECKPOINT + " before promoting, so this checkpoint is premature (reported anyway)", List.of("N=" + n)));
        }
        List<String> partial = scenarios.stream().filter(ScenarioFacts::partial)
                .map(s -> s.name() + ": " + String.join("; ", s.problems())).toList();
        if (!partial.isEmpty()) {
            keep = true;
            reasons.add(new Decision.Reason("R2 complete evidence", false, "some wrappers were only partially parsed; the variance "
                    + "cannot be judged on partial evidence", partial));
        }
        List<String> skeleton = new ArrayList<>();
        for (ScenarioFacts s : scenarios) {
            for (OpKind k : SKELETON) {
                if (!s.performs(k)) {
                    skeleton.add(s.name() + " does not " + k.label());
                }
            }
        }
        if (!skeleton.isEmpty()) {
            keep = true;
            reasons.add(new Decision.Reason("R3 same skeleton", false, "not every wrapper fetches, applies and waits; their structure "
                    + "differs in a way no flag can express", skeleton));
        }
        List<String> bespoke = new ArrayList<>();
        List<String> extraPlaces = new ArrayList<>();
        for (ScenarioFacts s : scenarios) {
            for (ExtraStep e : s.extras()) {
                if (e.kind() == ExtraStep.Kind.BESPOKE) {
                    bespoke.add(s.name() + ": " + e.what());
                }
                extraPlaces.add(s.name() + " wrapper.sh:" + e.line() + " " + e.what() + " -> " + e.lives());
            }
        }
        if (!bespoke.isEmpty()) {
            keep = true;
            reasons.add(new Decision.Reason("R4 no bespoke steps", false, "wrappers run steps outside the seven operations that are "
                    + "neither derived values nor covered by the runner", bespoke));
        }
        List<String> varying = knobs.stream().filter(k -> k.knobClass() == KnobClass.UNIVERSAL_VARYING
                || k.knobClass() == KnobClass.SCENARIO_INTRINSIC).filter(k -> k.becomes().startsWith("--"))
                .map(k -> k.name() + " -> " + k.becomes()).toList();
        long yagni = knobs.stream().filter(k -> k.knobClass() == KnobClass.YAGNI).count();
        long drifting = knobs.stream().filter(k -> k.knobClass() == KnobClass.DRIFT).count();
        reasons.add(new Decision.Reason("R5 values only", true, "every knob that differs between wrappers is a value (" + varying.size()
                + " map to typed flags or --var), YAGNI (" + yagni + ") or an implementation difference (" + drifting + ")", varying));
        if (!drift.isEmpty()) {
            reasons.add(new Decision.Reason("R6 drift removed", true, drift.size() + " drift finding(s), each removed by the typed runner "
                    + "by construction", drift.stream().map(f -> f.id() + " (" + String.join(", ", f.scenarios()) + ")").toList()));
        }
        if (!shaDrift.isEmpty()) {
            reasons.add(new Decision.Reason("R7 SHA invariants", true, shaDrift.size() + " SHA-drift finding(s) the runner turns into a "
                    + "refusal before apply", shaDrift.stream().map(f -> f.evidence().get(0)).toList()));
        }
        return new Decision(keep ? Decision.Verdict.KEEP : Decision.Verdict.PROMOTE, premature, reasons, flags(knobs, shaDrift),
                notExposed(knobs), extraPlaces);
    }

    private static List<String> flags(List<KnobRow> knobs, List<Finding> shaDrift) {
        java.util.TreeMap<String, String> flags = new java.util.TreeMap<>();
        flags.put("--scenario", "--scenario=<name> (the scenario directory's name)");
        TreeSet<String> vars = new TreeSet<>();
        for (KnobRow k : knobs) {
            if (k.knobClass() == KnobClass.YAGNI || k.knobClass() == KnobClass.DRIFT || !k.becomes().startsWith("--")) {
                continue;
            }
            List<String> live = k.values().entrySet().stream().filter(e -> !e.getValue().isYagni()).map(java.util.Map.Entry::getKey).toList();
            if (k.becomes().startsWith("--var=")) {
                vars.add("--var " + k.name().substring(4) + "=... (" + k.knobClass().label() + ": " + String.join(", ", live) + ")");
                continue;
            }
            String flag = k.becomes().split("[ =,]")[0];
            String note = k.knobClass() == KnobClass.UNIVERSAL_CONSTANT
                    ? "universal-constant, default " + k.values().entrySet().stream().findFirst()
                            .map(e -> dev.workflowrun.survey.classify.Normaliser.value(e.getKey(), e.getValue().value())).orElse("")
                    : k.knobClass().label() + ", from " + k.name();
            if (!flags.containsKey(flag) || k.knobClass() == KnobClass.UNIVERSAL_CONSTANT && k.name().startsWith("wrapper.")
                    && !k.name().equals("wrapper.fetch.ref-variable")) {
                flags.put(flag, flag + " (" + note + ")");
            }
        }
        flags.put("--expect-ref-image", "--expect-ref-image=SEITASK_IMAGE (the SHA invariant"
                + (shaDrift.isEmpty() ? ")" : "; " + shaDrift.size() + " SHA-drift finding(s) today)"));
        List<String> out = new ArrayList<>(flags.values());
        out.addAll(vars);
        return out;
    }

    private static List<String> notExposed(List<KnobRow> knobs) {
        return knobs.stream().filter(k -> k.knobClass() == KnobClass.YAGNI || k.knobClass() == KnobClass.DRIFT)
                .map(k -> k.name() + " (" + k.knobClass().label() + ")").toList();
    }

}
