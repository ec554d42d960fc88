package dev.workflowrun.domain.variables;

/** Why one variable was refused: which variable, which rule, and what to do. */
public record VariableProblem(String variable, String problem, String fix) {

    @Override
    public String toString() {
        return variable + ": " + problem + (fix.isEmpty() ? "" : " (" + fix + ")");
    }
}
