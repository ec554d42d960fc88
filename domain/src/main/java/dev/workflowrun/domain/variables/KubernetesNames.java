package dev.workflowrun.domain.variables;

import java.util.regex.Pattern;

/** The name rules of the Kubernetes API server ({@code k8s.io/apimachinery/pkg/util/validation}), with messages a person can act on. */
final class KubernetesNames {

    static final int MAX_SUBDOMAIN = 253;
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?");

    private KubernetesNames() {
    }

    static void requireSubdomain(String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the value is empty; a DNS-1123 subdomain has at least one character");
        }
        if (value.length() > MAX_SUBDOMAIN) {
            throw new IllegalArgumentException("'" + RunId.abbreviate(value) + "' is " + value.length()
                    + " characters; a DNS-1123 subdomain has at most " + MAX_SUBDOMAIN);
        }
        if (!SUBDOMAIN.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + RunId.abbreviate(value) + "' is not a DNS-1123 subdomain: use lowercase letters, digits,"
                    + " '-' and '.', each dot-separated part starting and ending with a letter or digit");
        }
    }

    static void requireLabelValue(String value) {
        if (value.length() > RunId.MAX_LABEL) {
            throw new IllegalArgumentException("'" + RunId.abbreviate(value) + "' is " + value.length()
                    + " characters; a label value has at most " + RunId.MAX_LABEL);
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + RunId.abbreviate(value) + "' is not a label value: use letters, digits, '-', '_' and '.',"
                    + " starting and ending with a letter or digit");
        }
    }
}
