package dev.workflowrun.domain.variables;

import java.util.List;
import java.util.stream.Collectors;

/** Every variable problem found at once, so one correction fixes them all. */
public final class VariablesException extends IllegalArgumentException {

    private final transient List<VariableProblem> problems;

    public VariablesException(List<VariableProblem> problems) {
        super(problems.stream().map(VariableProblem::toString).collect(Collectors.joining("\n  ", "variables refused:\n  ", "")));
        this.problems = List.copyOf(problems);
    }

    public List<VariableProblem> problems() {
        return problems;
    }
}
