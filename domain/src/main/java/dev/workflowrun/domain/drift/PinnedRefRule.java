package dev.workflowrun.domain.drift;

import dev.workflowrun.domain.variables.Pinning;

import java.util.Objects;

/**
 * {@code --require-pinned-ref}: the scenario ref must not move. A full 40-hex commit SHA (git's digest)
 * always holds; a tag written as {@code refs/tags/<name>} holds with a warning under {@code --pinned=tag}
 * (a tag can be moved) and is broken under {@code --pinned=digest}; a branch or a bare name is broken.
 */
public record PinnedRefRule(Pinning pinning) implements DriftRule {

    private static final String TAGS = "refs/tags/";

    public PinnedRefRule {
        Objects.requireNonNull(pinning, "pinning");
    }

    public PinnedRefRule() {
        this(Pinning.TAG);
    }

    @Override
    public String name() {
        return "require-pinned-ref";
    }

    @Override
    public DriftFinding check(DriftContext context) {
        String ref = context.scenario().ref().ref();
        String expected = pinning == Pinning.DIGEST ? "a full 40-hex commit SHA" : "a full 40-hex commit SHA or refs/tags/<name>";
        if (context.scenario().ref().pinned()) {
            return DriftFinding.holds(name(), expected, ref);
        }
        String fix = "set --scenario-ref to " + context.scenario().commit() + " (what '" + ref + "' resolves to now)";
        if (ref.startsWith(TAGS) && ref.length() > TAGS.length()) {
            return pinning == Pinning.TAG
                    ? DriftFinding.warning(name(), expected, ref, "the tag '" + ref.substring(TAGS.length())
                            + "' can be moved; " + fix + " to be sure what runs")
                    : DriftFinding.broken(name(), expected, ref, fix + "; --pinned=digest refuses a tag");
        }
        return DriftFinding.broken(name(), expected, ref, fix);
    }
}
