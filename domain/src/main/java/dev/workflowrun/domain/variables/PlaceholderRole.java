package dev.workflowrun.domain.variables;

import java.util.Optional;

/**
 * What a placeholder is to the runner, whatever its name: the runner itself makes the value of a
 * role placeholder (the run id, the namespace), so no {@code --var} gives it one.
 */
public enum PlaceholderRole {
    RUN_ID("run-id", "--run-id", "--run-id-var", "SEI_WORKFLOW_RUN_ID"),
    NAMESPACE("namespace", "--namespace", "--namespace-var", "SEI_NAMESPACE");

    private final String label;
    private final String valueFlag;
    private final String variableFlag;
    private final String defaultVariable;

    PlaceholderRole(String label, String valueFlag, String variableFlag, String defaultVariable) {
        this.label = label;
        this.valueFlag = valueFlag;
        this.variableFlag = variableFlag;
        this.defaultVariable = defaultVariable;
    }

    /** How a header writes it: {@code $RUN_ID (run-id)}. */
    public String label() {
        return label;
    }

    /** The flag that gives the value, e.g. {@code --run-id}. */
    public String valueFlag() {
        return valueFlag;
    }

    /** The flag that names the placeholder playing this role, e.g. {@code --run-id-var}. */
    public String variableFlag() {
        return variableFlag;
    }

    /** The placeholder that plays this role when neither the header nor a flag says otherwise. */
    public String defaultVariable() {
        return defaultVariable;
    }

    public static Optional<PlaceholderRole> fromLabel(String label) {
        for (PlaceholderRole r : values()) {
            if (r.label.equalsIgnoreCase(label)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
