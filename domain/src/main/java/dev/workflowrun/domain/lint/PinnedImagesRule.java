package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.variables.ImageRef;

import java.util.ArrayList;
import java.util.List;

/** Task images name an exact build: a tag other than {@code latest}, or a digest. */
public final class PinnedImagesRule implements ManifestCheck {

    static final String RULE = "pinned-images";

    @Override
    public List<LintFinding> check(LintContext context) {
        List<LintFinding> findings = new ArrayList<>();
        context.manifest().workflowSpec().ifPresent(spec -> {
            for (WorkflowTemplate t : spec.templates()) {
                for (String image : t.images()) {
                    try {
                        if (!ImageRef.parse(image).pinned()) {
                            findings.add(LintFinding.error(RULE, "template '" + t.name() + "' uses image '" + image
                                    + "' without a tag or with :latest; pin it to a commit tag or a digest"));
                        }
                    } catch (IllegalArgumentException e) {
                        findings.add(LintFinding.error(RULE, "template '" + t.name() + "' uses an invalid image: " + e.getMessage()));
                    }
                }
            }
        });
        return findings;
    }
}
