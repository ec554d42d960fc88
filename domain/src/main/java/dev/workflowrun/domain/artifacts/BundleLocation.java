package dev.workflowrun.domain.artifacts;

import dev.workflowrun.domain.variables.RunId;

import java.time.LocalDate;

/**
 * Where a run's bundle goes: a key prefix made from a template with {@code {scenario}},
 * {@code {runId}} and {@code {date}} (default {@value #DEFAULT_TEMPLATE}).
 */
public record BundleLocation(String prefix) {

    public static final String DEFAULT_TEMPLATE = "nightly/{scenario}/{runId}/";

    public BundleLocation {
        if (!prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        BundleKeys.requireSafe(prefix.substring(0, prefix.length() - 1));
    }

    public static BundleLocation expand(String template, String scenario, RunId runId, LocalDate date) {
        return expand(template, scenario, runId.value(), date);
    }

    public static BundleLocation expand(String template, String scenario, String runId, LocalDate date) {
        if (!template.contains("{runId}")) {
            throw new IllegalArgumentException("the key prefix template '" + template
                    + "' has no {runId}; runs would overwrite each other. Add {runId}, e.g. " + DEFAULT_TEMPLATE);
        }
        String prefix = template.replace("{scenario}", BundleKeys.segment(scenario))
                .replace("{runId}", BundleKeys.segment(runId))
                .replace("{date}", date.toString());
        if (prefix.contains("{") || prefix.contains("}")) {
            throw new IllegalArgumentException("the key prefix template '" + template + "' has an unknown {field}; known are {scenario}, {runId}, {date}");
        }
        try {
            return new BundleLocation(prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key prefix template '" + template + "' makes an unsafe key prefix: " + e.getMessage(), e);
        }
    }

    /** Where attempt {@code number} of this run goes. */
    public BundleLocation attempt(int number) {
        return new BundleLocation(prefix + Attempt.PREFIX + number + "/");
    }

    public String key(BundleFile file) {
        return prefix + file.name();
    }
}
