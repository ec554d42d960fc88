package dev.workflowrun.survey.bash;

/** A place where the bash grammar could not parse the wrapper (1-based line and column). */
public record ParseProblem(int line, int column, String message) {

    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message;
    }
}
