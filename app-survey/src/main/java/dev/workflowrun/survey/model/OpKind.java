package dev.workflowrun.survey.model;

/** The seven operations every Workflow-based wrapper performs (the seed issue's list). */
public enum OpKind {
    FETCH("fetch scenario at ref"),
    SUBSTITUTE("allow-list substitution"),
    APPLY("apply Workflow"),
    WAIT("wait for terminal state"),
    CAPTURE("capture terminal state"),
    CLEANUP("abort, delete, sweep"),
    UPLOAD("upload to bucket");

    private final String label;

    OpKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public int number() {
        return ordinal() + 1;
    }

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
