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
 * <li><b>R8 understood</b>: constructs the survey cannot read are listed with their lines and lower the stated confidence;
 *     they never decide by themselves (an unknown is not evidence of a bespoke step).</li>
 * </ul>
 * The verdict is PROMOTE when no KEEP rule fired. A bespoke step is one that changes something outside the seven
 * operations (see {@code Effects}); a command that only computes a value is a derived value, whatever its name.
 */
public final class DecisionRules {

    public static final int CHECKPOINT = 3;
    /** The rules as the write-up states them. */
    public static final List<String> RULES = List.of(
            "R1 checkpoint size (keep): fewer than 3 scenarios means the checkpoint is premature (the seed's rule); still report",
            "R2 complete evidence (keep): a wrapper the bash grammar could not fully parse leaves the evidence incomplete",
            "R3 same skeleton (keep): a wrapper that does not fetch, apply and wait has a structure no flag expresses",
            "R4 no bespoke steps (keep): a command that changes something outside the seven operations (another cluster object, a pod's insides, another service)",
            "R5 values only (promote): every knob that differs is a value (typed flag or --var), YAGNI, or an implementation difference",
            "R6 drift removed (promote): each drift finding is removed by the typed runner by construction",
            "R7 SHA invariants (promote): SHA-drift findings become refusals before apply",
            "R8 understood (confidence): constructs the survey cannot read are listed and lower the confidence; they never decide alone");
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
        List<String> unknown = new ArrayList<>();
        java.util.Set<String> unknownIn = new java.util.TreeSet<>();
        for (ScenarioFacts s : scenarios) {
            for (ExtraStep e : s.extras()) {
                if (e.kind() == ExtraStep.Kind.BESPOKE) {
                    bespoke.add(s.name() + " wrapper.sh:" + e.line() + ": " + e.what() + "; could live in " + e.lives());
                }
                if (e.kind() == ExtraStep.Kind.NOT_UNDERSTOOD) {
                    unknown.add(s.name() + " wrapper.sh:" + e.line() + ": " + e.what());
                    unknownIn.add(s.name());
                }
                extraPlaces.add(s.name() + " wrapper.sh:" + e.line() + " " + e.what() + " -> " + e.lives());
            }
        }
        if (!bespoke.isEmpty()) {
            keep = true;
            reasons.add(new Decision.Reason("R4 no bespoke steps", false, bespoke.size() + " step(s) change something outside the seven "
                    + "operations; no flag expresses them, each needs a home before the wrapper can go", bespoke));
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
        Decision.Confidence confidence = unknown.isEmpty()
                ? new Decision.Confidence("high", "every command of every wrapper was read by its effect", List.of())
                : new Decision.Confidence(unknownIn.size() * 2 <= n ? "medium" : "low", unknown.size() + " construct(s) in " + unknownIn.size()
                        + " of " + n + " wrapper(s) were not understood; the decision rests on the rest", unknown);
        List<Decision.Check> checks = new ArrayList<>();
        for (String rule : RULES) {
            String id = rule.substring(0, rule.indexOf(" ("));
            boolean promoteRule = rule.contains("(promote)");
            Decision.Reason fired = reasons.stream().filter(r -> r.rule().equals(id)).findFirst().orElse(null);
            String result;
            if (fired != null) {
                result = fired.text();
            } else if (id.startsWith("R8")) {
                result = "confidence " + confidence.level() + ": " + confidence.why();
            } else {
                result = switch (id.substring(0, 2)) {
                    case "R1" -> n + " scenarios";
                    case "R2" -> "every wrapper parsed completely";
                    case "R3" -> "every wrapper fetches, applies and waits";
                    case "R4" -> "no command changes anything outside the seven operations";
                    case "R6" -> "nothing to remove: no drift finding";
                    case "R7" -> "nothing to refuse: no SHA-drift finding";
                    default -> "passed";
                };
            }
            checks.add(new Decision.Check(id, promoteRule, fired != null || id.startsWith("R8") && !unknown.isEmpty(), result));
        }
        return new Decision(keep ? Decision.Verdict.KEEP : Decision.Verdict.PROMOTE, premature, reasons, flags(knobs, shaDrift),
                notExposed(knobs), extraPlaces, checks, confidence);
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
