package dev.workflowrun.domain.drift;

import java.util.ArrayList;
import java.util.List;

/** Evaluates every rule (a rule that throws is a broken rule, not a crash). */
public final class DriftCheck {

    private DriftCheck() {
    }

    public static DriftReport evaluate(List<DriftRule> rules, DriftContext context) {
        List<DriftFinding> findings = new ArrayList<>();
        for (DriftRule rule : rules) {
            try {
                findings.add(rule.check(context));
            } catch (RuntimeException e) {
                findings.add(DriftFinding.broken(rule.name(), "the rule to be checkable", "an error: " + e.getMessage(),
                        "fix the input the rule names, or remove the rule"));
            }
        }
        return new DriftReport(findings);
    }
}
