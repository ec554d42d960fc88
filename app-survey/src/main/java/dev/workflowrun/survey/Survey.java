package dev.workflowrun.survey;

import dev.workflowrun.survey.classify.Classifier;
import dev.workflowrun.survey.classify.ScenarioSurveyor;
import dev.workflowrun.survey.decide.DecisionRules;
import dev.workflowrun.survey.diff.WrapperDiffs;
import dev.workflowrun.survey.model.Decision;
import dev.workflowrun.survey.model.Finding;
import dev.workflowrun.survey.model.KnobRow;
import dev.workflowrun.survey.model.PairDiff;
import dev.workflowrun.survey.model.ScenarioFacts;
import dev.workflowrun.survey.model.SurveyModel;
import dev.workflowrun.survey.scenario.ScenarioDir;
import dev.workflowrun.survey.scenario.ScenarioDirs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The module's entry point: survey scenario directories into an immutable {@link SurveyModel}. */
public final class Survey {

    private Survey() {
    }

    /** Discovers the scenarios named by the arguments (directories, parents of them, or NAME=DIR) and surveys them. */
    public static SurveyModel of(List<String> arguments) {
        // Scenarios are surveyed independently, so on every core; a refusal is reported for the first
        // refused scenario in discovery order, as a one-by-one survey would, and from this thread.
        List<Object> outcomes = ScenarioDirs.discover(arguments).parallelStream().map(Survey::surveyOne).toList();
        List<ScenarioFacts> facts = new ArrayList<>();
        for (Object outcome : outcomes) {
            if (outcome instanceof RuntimeException e) {
                throw e;
            }
            if (outcome instanceof StackOverflowError e) {
                throw e;
            }
            facts.add((ScenarioFacts) outcome);
        }
        return ofFacts(facts);
    }

    private static Object surveyOne(ScenarioDir dir) {
        try {
            return ScenarioSurveyor.survey(dir);
        } catch (RuntimeException | StackOverflowError e) {
            return e;
        }
    }

    public static SurveyModel ofFacts(List<ScenarioFacts> scenarios) {
        List<ScenarioFacts> sorted = scenarios.stream().sorted(Comparator.comparing(ScenarioFacts::name)).toList();
        List<KnobRow> knobs = Classifier.classify(sorted);
        List<Finding> drift = Classifier.drift(sorted);
        List<Finding> sha = Classifier.shaDrift(sorted);
        List<PairDiff> diffs = WrapperDiffs.pairs(sorted);
        Decision decision = DecisionRules.decide(sorted, knobs, drift, sha);
        return new SurveyModel(sorted, knobs, drift, sha, diffs, decision);
    }
}
