package dev.workflowrun.domain.variables;

import java.util.regex.Pattern;

/**
 * The rule every substituted value obeys so that it cannot change the YAML (or a shell script
 * embedded in it): a plain scalar of a small character set, with no YAML indicator in first
 * position, no {@code ": "} and no {@code " #"}. Values that need more belong in a ConfigMap.
 */
public final class SafeScalar {

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._/:@+=, -]*");
    private static final String LEADING_INDICATORS = "-:?,[]{}#&*!|>'\"%@`";
    public static final int MAX_LENGTH = 1024;

    private SafeScalar() {
    }

    public static void check(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the value is empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the value is " + value.length() + " characters; at most " + MAX_LENGTH);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!ALLOWED.matcher(String.valueOf(c)).matches()) {
                throw new IllegalArgumentException("the value contains " + describe(c) + " at position " + (i + 1)
                        + ", which could change the YAML or a script in it; allowed are letters, digits, spaces and . _ / : @ + = , -");
            }
        }
        if (LEADING_INDICATORS.indexOf(value.charAt(0)) >= 0) {
            throw new IllegalArgumentException("the value starts with '" + value.charAt(0) + "', a YAML indicator");
        }
        if (value.startsWith(" ") || value.endsWith(" ")) {
            throw new IllegalArgumentException("the value starts or ends with a space");
        }
        if (value.contains(": ") || value.endsWith(":")) {
            throw new IllegalArgumentException("the value contains ': ' (or ends with ':'), which YAML reads as a mapping");
        }
        if (value.contains(" #")) {
            throw new IllegalArgumentException("the value contains ' #', which YAML reads as a comment");
        }
    }

    static String describe(char c) {
        return switch (c) {
            case '\n' -> "a newline";
            case '\r' -> "a carriage return";
            case '\t' -> "a tab";
            case '$' -> "'$' (a shell or Kubernetes expansion)";
            case '`' -> "a backtick (a shell command substitution)";
            case '"', '\'' -> "a quote (" + c + ")";
            default -> c < 0x20 || c == 0x7f ? String.format("the control character U+%04X", (int) c) : "'" + c + "'";
        };
    }
}
