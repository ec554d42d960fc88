package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.variables.GoDuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A Serial template whose children's deadlines add up to more than its own will be cut short: a warning. */
public final class DeadlineBudgetRule implements ManifestCheck {

    static final String RULE = "deadline-budget";

    @Override
    public List<LintFinding> check(LintContext context) {
        List<LintFinding> findings = new ArrayList<>();
        context.manifest().workflowSpec().ifPresent(spec -> {
            for (WorkflowTemplate t : spec.templates()) {
                if (!"Serial".equals(t.templateType()) || t.deadline().isEmpty()) {
                    continue;
                }
                Duration sum = Duration.ZERO;
                for (String child : t.children()) {
                    Optional<Duration> d = spec.template(child).flatMap(WorkflowTemplate::deadline);
                    if (d.isPresent()) {
                        sum = sum.plus(d.get());
                    }
                }
                if (sum.compareTo(t.deadline().get()) > 0) {
                    findings.add(LintFinding.warning(RULE, "Serial '" + t.name() + "' has deadline " + GoDuration.format(t.deadline().get())
                            + " but its children's deadlines add up to " + GoDuration.format(sum)
                            + "; a slow run is cut by the parent before any child's own deadline"));
                }
            }
        });
        return findings;
    }
}
