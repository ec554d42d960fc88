package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.variables.Pinning;

import java.util.List;

/** The lint rules {@code run}, {@code render} and {@code lint} check before apply. */
public final class LintRules {

    private LintRules() {
    }

    public static List<ManifestCheck> defaults() {
        return defaults(Pinning.TAG);
    }

    /** The rules, with images held to {@code pinning} ({@code --pinned}). */
    public static List<ManifestCheck> defaults(Pinning pinning) {
        return List.of(new AllowedKindsRule(), new WorkflowShapeRule(), new ConfigMapRefRule(), new PlaceholderUsageRule(),
                new DeadlineBudgetRule(), new PinnedImagesRule(pinning), new ControllerAdmissionRule());
    }
}
