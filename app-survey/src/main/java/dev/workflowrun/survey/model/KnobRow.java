package dev.workflowrun.survey.model;

import java.util.SortedMap;

/**
 * One knob across all scenarios.
 *
 * @param values  scenario name to value (absent scenarios are missing from the map)
 * @param becomes what the knob becomes in the typed runner (a flag, a default, dropped...)
 */
public record KnobRow(String name, KnobClass knobClass, SortedMap<String, KnobValue> values, String becomes) {

    public KnobRow {
        values = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(values));
    }
}
