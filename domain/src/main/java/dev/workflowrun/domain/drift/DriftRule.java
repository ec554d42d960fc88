package dev.workflowrun.domain.drift;

import java.util.List;

/** One invariant between what is about to run and what the scenario's commit expects. */
public interface DriftRule {

    /** A short name for tables and messages, e.g. {@code expect-ref-image SEITASK_IMAGE}. */
    String name();

    /** Extra files this rule needs fetched at the scenario's commit. */
    default List<String> pathsAtRef() {
        return List.of();
    }

    DriftFinding check(DriftContext context);
}
