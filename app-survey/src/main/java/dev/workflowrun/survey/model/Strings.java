package dev.workflowrun.survey.model;

import java.util.List;

/**
 * Equal strings kept once. Thousands of scenarios repeat the same wrapper lines, knob names, values and diff lines: kept
 * once each, the model of N = 3,000 scenarios holds about half the strings it would otherwise.
 */
final class Strings {

    private Strings() {
    }

    static String shared(String s) {
        return s == null ? null : s.intern();
    }

    /** An unmodifiable copy, each element kept once; like {@link List#copyOf}, it refuses nulls. */
    static List<String> shared(List<String> strings) {
        return strings.stream().map(String::intern).toList();
    }
}
