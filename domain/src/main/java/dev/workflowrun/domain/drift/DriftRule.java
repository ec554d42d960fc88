package dev.workflowrun.domain.drift;

import java.util.List;
import java.util.Optional;

/** One invariant between what is about to run and what the scenario's commit expects. */
public interface DriftRule {

    /** A short name for tables and messages, e.g. {@code expect-ref-image SEITASK_IMAGE}. */
    String name();

    /** Extra files this rule needs fetched at the scenario's commit. */
    default List<String> pathsAtRef() {
        return List.of();
    }

    /**
     * The variable whose value this rule checks, if it checks one. At build time a variable whose
     * value only exists at run time (a mounted var file, a Secret) has a stand-in, and a rule on it
     * is skipped rather than checked against the stand-in.
     */
    default Optional<String> checkedVariable() {
        return Optional.empty();
    }

    DriftFinding check(DriftContext context);
}
