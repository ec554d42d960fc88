package dev.workflowrun.survey.model;

import java.util.List;

/** The immutable result of a survey; every report renders this and nothing else. */
public record SurveyModel(List<ScenarioFacts> scenarios, List<KnobRow> knobs, List<Finding> drift, List<Finding> shaDrift,
                          List<PairDiff> diffs, Decision decision) {

    public SurveyModel {
        scenarios = List.copyOf(scenarios);
        knobs = List.copyOf(knobs);
        drift = List.copyOf(drift);
        shaDrift = List.copyOf(shaDrift);
        diffs = List.copyOf(diffs);
    }

    public List<String> names() {
        return scenarios.stream().map(ScenarioFacts::name).toList();
    }
}
