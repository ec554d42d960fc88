package dev.workflowrun.domain.variables;

import java.util.regex.Pattern;

/**
 * A run identifier: a DNS-1123 label short enough that {@code <scenario>-<run id>} is itself a
 * valid label (the Workflow name is also a label value, {@code chaos-mesh.org/workflow}).
 */
public record RunId(String value) {

    /** Kubernetes label values and DNS-1123 labels stop at 63 characters. */
    public static final int MAX_LABEL = 63;
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    public RunId {
        requireDnsLabel("run id", value);
    }

    /** The Workflow name for this run, checked to be a valid label. */
    public String workflowName(String scenario) {
        String name = scenario + "-" + value;
        if (name.length() > MAX_LABEL) {
            throw new IllegalArgumentException("the Workflow name '" + name + "' is " + name.length()
                    + " characters; scenario and run id together must fit in " + MAX_LABEL
                    + ": use a run id of at most " + Math.max(1, MAX_LABEL - scenario.length() - 1) + " characters");
        }
        return name;
    }

    /** Throws with an actionable message unless {@code value} is a DNS-1123 label. */
    public static void requireDnsLabel(String what, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty; expected a DNS-1123 label (lowercase letters, digits, '-')");
        }
        if (value.length() > MAX_LABEL) {
            throw new IllegalArgumentException(what + " '" + abbreviate(value) + "' is " + value.length()
                    + " characters; a DNS-1123 label has at most " + MAX_LABEL);
        }
        if (!DNS_1123_LABEL.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + abbreviate(value)
                    + "' is not a DNS-1123 label: use lowercase letters, digits and '-', starting and ending with a letter or digit");
        }
    }

    public static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        return value;
    }
}
