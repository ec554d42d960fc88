package dev.workflowrun.domain.variables;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The type of a declared placeholder; each type knows its rule and checks a value against it. */
public enum VariableType {
    IMAGE("an image reference registry/repository:tag or repository@sha256:<digest>") {
        @Override
        void check(String value) {
            ImageRef.parse(value);
        }
    },
    DNS_LABEL("a DNS-1123 label (lowercase letters, digits, '-', at most 63)") {
        @Override
        void check(String value) {
            RunId.requireDnsLabel("the value", value);
        }
    },
    INTEGER("a whole number") {
        @Override
        void check(String value) {
            if (!INTEGER_TEXT.matcher(value).matches()) {
                throw new IllegalArgumentException("'" + RunId.abbreviate(value) + "' is not a whole number");
            }
        }
    },
    DURATION("a Go duration such as 90s, 60m or 1h30m") {
        @Override
        void check(String value) {
            GoDuration.parse(value);
        }
    },
    TEXT("free text made of letters, digits, spaces and . _ / : @ + = , -") {
        @Override
        void check(String value) {
            SafeScalar.check(value);
        }
    },
    /** Like TEXT, but never printed: redacted in logs, summaries and run.json. */
    SECRET("a secret (letters, digits and . _ / : @ + = , -), never printed") {
        @Override
        void check(String value) {
            SafeScalar.check(value);
        }
    };

    private static final Pattern INTEGER_TEXT = Pattern.compile("-?[0-9]{1,18}");

    private final String rule;

    VariableType(String rule) {
        this.rule = rule;
    }

    /** What a valid value looks like, for error messages. */
    public String rule() {
        return rule;
    }

    /** Throws {@link IllegalArgumentException} when the value breaks this type's rule. */
    abstract void check(String value);

    /** The lowercase name used in headers and flags, e.g. {@code dns-label}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<VariableType> fromLabel(String label) {
        for (VariableType t : values()) {
            if (t.label().equals(label.toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * The type a placeholder has when its declaration does not say: inferred from the name, the
     * way the user's scenarios name them ({@code SEID_IMAGE}, {@code SEI_NAMESPACE}, {@code DURATION_MINUTES}).
     */
    public static VariableType inferFromName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.endsWith("_IMAGE") || n.endsWith("_IMG")) {
            return IMAGE;
        }
        if (n.endsWith("_NAMESPACE") || n.endsWith("_RUN_ID") || n.endsWith("_CHAIN_ID") || n.endsWith("_NAME")) {
            return DNS_LABEL;
        }
        if (n.endsWith("_MINUTES") || n.endsWith("_SECONDS") || n.endsWith("_COUNT") || n.endsWith("_REPLICAS")) {
            return INTEGER;
        }
        if (n.endsWith("_DURATION") || n.endsWith("_TIMEOUT") || n.endsWith("_DEADLINE")) {
            return DURATION;
        }
        if (n.endsWith("_TOKEN") || n.endsWith("_SECRET") || n.endsWith("_PASSWORD") || n.endsWith("_KEY")) {
            return SECRET;
        }
        return TEXT;
    }
}
