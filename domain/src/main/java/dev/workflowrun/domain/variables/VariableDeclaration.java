package dev.workflowrun.domain.variables;

import java.util.Objects;
import java.util.regex.Pattern;

/** One placeholder a scenario declares: its name, its type and what it is for. */
public record VariableDeclaration(String name, VariableType type, String description) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public VariableDeclaration {
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description.strip();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a placeholder name: use letters, digits and '_', not starting with a digit");
        }
    }
}
