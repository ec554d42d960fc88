package dev.workflowrun.domain.drift;

import dev.workflowrun.domain.variables.ImageRef;

/**
 * {@code --expect-ref-image=VAR}: the image in VAR is tagged with the commit the scenario ref
 * resolved to (the full SHA or a prefix of at least 7 hex). The task image and the scenario must
 * come from the same commit of the controller repository.
 */
public record RefImageRule(String variable) implements DriftRule {

    @Override
    public java.util.Optional<String> checkedVariable() {
        return java.util.Optional.of(variable);
    }

    @Override
    public String name() {
        return "expect-ref-image " + variable;
    }

    @Override
    public DriftFinding check(DriftContext context) {
        String commit = context.scenario().commit();
        String value = context.variables().value(variable).orElseThrow(() -> new IllegalArgumentException(
                "variable " + variable + " has no value; the rule needs it"));
        ImageRef image = ImageRef.parse(value);
        String tag = image.tag().orElse("");
        boolean holds = tag.length() >= 7 && commit.startsWith(tag.toLowerCase(java.util.Locale.ROOT))
                || tagEndsWithCommitPrefix(tag, commit);
        if (holds) {
            return DriftFinding.holds(name(), "tag naming commit " + commit, image.toString());
        }
        return DriftFinding.broken(name(), "tag naming commit " + commit.substring(0, 12) + " (" + commit + ")",
                value, "build " + variable + " from the commit --scenario-ref resolves to, or pin --scenario-ref to the commit the image was built from");
    }

    /** Tags such as {@code sha-1a2b3c4} or {@code v1.2.3-1a2b3c4d} carry the commit after the last '-'. */
    private static boolean tagEndsWithCommitPrefix(String tag, String commit) {
        int dash = tag.lastIndexOf('-');
        if (dash < 0) {
            return false;
        }
        String suffix = tag.substring(dash + 1).toLowerCase(java.util.Locale.ROOT);
        return suffix.length() >= 7 && suffix.matches("[0-9a-f]+") && commit.startsWith(suffix);
    }
}
