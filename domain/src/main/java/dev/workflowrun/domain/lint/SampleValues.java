package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.variables.VariableType;

/** Stand-in values of each type, for checking a scenario when the real values are not known (lint, build-time verify). */
public final class SampleValues {

    private SampleValues() {
    }

    public static String of(VariableType type) {
        return switch (type) {
            case IMAGE -> "registry.invalid/unchecked/image:unchecked";
            case DNS_LABEL, DNS_SUBDOMAIN, LABEL_VALUE -> "unchecked";
            case INTEGER -> "0";
            case DURATION -> "1m";
            case TEXT, SECRET -> "unchecked";
        };
    }
}
