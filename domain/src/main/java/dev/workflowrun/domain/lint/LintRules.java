package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.ManifestCheck;

import java.util.List;

/** The lint rules {@code run}, {@code render} and {@code lint} check before apply. */
public final class LintRules {

    private LintRules() {
    }

    public static List<ManifestCheck> defaults() {
        return List.of(new AllowedKindsRule(), new WorkflowShapeRule(), new ConfigMapRefRule(), new PlaceholderUsageRule(),
                new DeadlineBudgetRule(), new PinnedImagesRule(), new ControllerAdmissionRule());
    }
}
