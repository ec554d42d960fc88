package dev.workflowrun.survey.model;

import java.util.List;

/**
 * A drift or SHA-drift finding: the same intent implemented differently (or wrongly) somewhere.
 *
 * @param id         a stable identifier, e.g. {@code drift.capture-after-delete}
 * @param scenarios  the scenarios it concerns, sorted
 * @param evidence   file:line references
 * @param fix        what removes it
 */
public record Finding(String id, String title, List<String> scenarios, List<String> evidence, String fix) {

    public Finding {
        scenarios = List.copyOf(scenarios);
        evidence = List.copyOf(evidence);
    }
}
