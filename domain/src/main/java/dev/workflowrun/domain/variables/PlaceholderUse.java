package dev.workflowrun.domain.variables;

import java.util.Objects;

/**
 * One place a placeholder appears in a scenario's manifest, and the type that place asks for.
 *
 * @param line  the line in the scenario file, from 1
 * @param field where it is, e.g. {@code metadata.name} or {@code args}
 * @param type  what a value there must be
 */
public record PlaceholderUse(int line, String field, VariableType type) {

    public PlaceholderUse {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
    }

    /** E.g. {@code as metadata.name at line 12 (DNS-1123 subdomain)} or {@code in args at line 40 (text)}. */
    public String describe() {
        String where = field.startsWith("metadata.") || field.equals("image") ? "as " + field : "in " + field;
        return where + " at line " + line + " (" + type.shortName() + ")";
    }
}
