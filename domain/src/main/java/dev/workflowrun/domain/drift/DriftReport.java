package dev.workflowrun.domain.drift;

import java.util.List;
import java.util.stream.Collectors;

/** The findings of every rule; the run may apply only when all of them hold. */
public record DriftReport(List<DriftFinding> findings) {

    public static final DriftReport EMPTY = new DriftReport(List.of());

    public DriftReport {
        findings = List.copyOf(findings);
    }

    public boolean allHold() {
        return findings.stream().allMatch(DriftFinding::holds);
    }

    public List<DriftFinding> broken() {
        return findings.stream().filter(f -> !f.holds()).toList();
    }

    /** One paragraph per broken rule: the rule, expected and actual values, and the fix. */
    public String describeBroken() {
        return broken().stream()
                .map(f -> "drift rule '" + f.rule() + "' broken: expected " + f.expected() + ", found " + f.actual()
                        + (f.message().isEmpty() ? "" : ". " + f.message()))
                .collect(Collectors.joining("\n"));
    }
}
