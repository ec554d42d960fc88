package dev.workflowrun.domain.variables;

import java.util.Locale;

/**
 * How exact a reference must be ({@code --pinned}). A digest ({@code image@sha256:<64 hex>}, a full
 * commit SHA) names one build and cannot move; a tag can be pushed again, so it is accepted with a
 * warning under {@link #TAG} and refused under {@link #DIGEST}; no tag or {@code latest} is refused
 * under both.
 */
public enum Pinning {
    TAG, DIGEST;

    /** How far an image reference is pinned, and whether that is enough under this policy. */
    public Verdict judge(ImageRef image) {
        if (image.digest().isPresent()) {
            return Verdict.PINNED;
        }
        if (image.tag().filter(t -> !t.equals("latest")).isEmpty()) {
            return Verdict.REFUSED;
        }
        return this == DIGEST ? Verdict.REFUSED : Verdict.MUTABLE;
    }

    /** The value as written on the command line. */
    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Accepted, accepted with a warning that it can move, or refused. */
    public enum Verdict { PINNED, MUTABLE, REFUSED }
}
