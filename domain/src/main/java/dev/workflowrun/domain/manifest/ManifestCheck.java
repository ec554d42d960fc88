package dev.workflowrun.domain.manifest;

import java.util.List;

/** A rule about the rendered manifest, checked before apply. */
public interface ManifestCheck {

    List<LintFinding> check(LintContext context);
}
