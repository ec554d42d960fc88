package dev.workflowrun.survey.bash;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed wrapper: its commands in execution order, its assignments, its functions and traps,
 * and the parse problems (a script with problems is surveyed partially).
 */
public record BashScript(List<Step> steps, List<Assignment> assignments, Map<String, Integer> functions,
                         Map<String, String> traps, List<ParseProblem> problems, Map<Integer, String> loopConditions) {

    public BashScript {
        steps = List.copyOf(steps);
        assignments = List.copyOf(assignments);
        functions = Map.copyOf(functions);
        traps = Map.copyOf(traps);
        problems = List.copyOf(problems);
        loopConditions = Map.copyOf(loopConditions);
    }

    public boolean partial() {
        return !problems.isEmpty();
    }

    /** The last top-level-or-function assignment of a variable, in source order. */
    public Optional<Assignment> lastAssignment(String name) {
        Assignment found = null;
        for (Assignment a : assignments) {
            if (a.name().equals(name) && !a.bare()) {
                found = a;
            }
        }
        return Optional.ofNullable(found);
    }
}
