package dev.workflowrun.domain.scenario;

import java.util.regex.Pattern;

/** Commit SHA rules: a full SHA is 40 lowercase hex; an abbreviation has at least 7. */
public final class CommitSha {

    private static final Pattern FULL = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern ABBREVIATED = Pattern.compile("[0-9a-f]{7,40}");

    private CommitSha() {
    }

    public static boolean isFull(String text) {
        return text != null && FULL.matcher(text).matches();
    }

    public static boolean isAbbreviation(String text) {
        return text != null && ABBREVIATED.matcher(text).matches();
    }

    public static String requireFull(String text) {
        if (!isFull(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a full 40-hex commit SHA");
        }
        return text;
    }
}
