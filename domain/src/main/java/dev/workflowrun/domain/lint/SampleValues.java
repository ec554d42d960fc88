package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.variables.VariableType;

/** Stand-in values of each type, for checking a scenario when the real values are not known (lint, build-time verify). */
public final class SampleValues {

    private SampleValues() {
    }

    public static String of(VariableType type) {
        return switch (type) {
            // Pinned by a digest: the image is chosen when the scenario runs, so the pinning rule, which cannot judge a
            // value it does not have, stays silent here; the run checks the real value, and verify the CronJob's.
            case IMAGE -> "registry.invalid/unchecked/image@sha256:" + "0".repeat(64);
            case DNS_LABEL, DNS_SUBDOMAIN, LABEL_VALUE -> "unchecked";
            case INTEGER -> "0";
            case DURATION -> "1m";
            case TEXT, SECRET -> "unchecked";
        };
    }
}
