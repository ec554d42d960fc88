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
    /** What {@code metadata.name} of most objects must be (RFC 1123 subdomain, 253 at most). */
    DNS_SUBDOMAIN("a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253)") {
        @Override
        void check(String value) {
            KubernetesNames.requireSubdomain(value);
        }
    },
    /** What a label value must be (63 at most, letters, digits, '-', '_', '.', alphanumeric at both ends). */
    LABEL_VALUE("a label value (letters, digits, '-', '_' and '.', at most 63, starting and ending with a letter or digit)") {
        @Override
        void check(String value) {
            KubernetesNames.requireLabelValue(value);
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

    /** A short name for messages, e.g. {@code DNS-1123 subdomain}. */
    public String shortName() {
        return switch (this) {
            case IMAGE -> "image reference";
            case DNS_LABEL -> "DNS-1123 label";
            case DNS_SUBDOMAIN -> "DNS-1123 subdomain";
            case LABEL_VALUE -> "label value";
            case INTEGER -> "integer";
            case DURATION -> "duration";
            case TEXT -> "text";
            case SECRET -> "secret";
        };
    }

    /**
     * What a placeholder's name suggests, the way the user's scenarios name them ({@code SEID_IMAGE},
     * {@code SEI_NAMESPACE}, {@code DURATION_MINUTES}). A hint only: it adds a warning when a value does
     * not look like it, and it makes a secret-sounding placeholder redacted; it never refuses a value.
     * The type that is checked comes from the header or from where the placeholder is used
     * ({@link dev.workflowrun.domain.scenario.PlaceholderUses}).
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
