package dev.workflowrun.survey.classify;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes wrappers comparable: the scenario's own name becomes {@code <scenario>}, commit SHAs become
 * {@code <sha>}; everything else stays, so a diff shows only real differences.
 */
public final class Normaliser {

    private static final Pattern SHA = Pattern.compile("\\b[0-9a-f]{7,40}\\b");
    private static final java.util.Map<String, Pattern> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private Normaliser() {
    }

    static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    public static List<String> normalise(String scenario, List<String> lines) {
        String upper = scenario.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        return lines.stream().map(l -> SHA.matcher(value(scenario, l).replace(upper, "<SCENARIO>"))
                .replaceAll("<sha>")).toList();
    }

    /** A value with the scenario's name abstracted, for comparing knob values across scenarios. */
    public static String value(String scenario, String value) {
        if (!value.contains(scenario)) {
            return value;
        }
        return NAMES.computeIfAbsent(scenario, n -> Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(n) + "(?![A-Za-z0-9])"))
                .matcher(value).replaceAll("<scenario>");
    }
}
