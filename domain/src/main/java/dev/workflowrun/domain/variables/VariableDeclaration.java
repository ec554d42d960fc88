package dev.workflowrun.domain.variables;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One placeholder a scenario declares: its name, its type and what it is for.
 *
 * @param type         the type shown and used for stand-in values: the declared one, else the strictest of its uses
 * @param typeDeclared the header wrote the type ({@code $X (text)}); then only that type is checked
 * @param uses         where the manifest uses it; without a declared type, a value must suit every use
 * @param role         the role it plays for the runner, if any ({@code $RUN_ID (run-id)})
 */
public record VariableDeclaration(String name, VariableType type, String description, boolean typeDeclared, List<PlaceholderUse> uses,
                                  Optional<PlaceholderRole> role) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public VariableDeclaration {
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description.strip();
        uses = List.copyOf(uses);
        Objects.requireNonNull(role, "role");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a placeholder name: use letters, digits and '_', not starting with a digit");
        }
    }

    /** A declaration whose type is given, used nowhere in particular and playing no role. */
    public VariableDeclaration(String name, VariableType type, String description) {
        this(name, type, description, true, List.of(), Optional.empty());
    }

    public VariableDeclaration withRole(Optional<PlaceholderRole> newRole) {
        return new VariableDeclaration(name, type, description, typeDeclared, uses, newRole);
    }

    public VariableDeclaration withDescription(String newDescription) {
        return new VariableDeclaration(name, type, newDescription, typeDeclared, uses, role);
    }

    /** The types a value is checked against: the declared one, else one per distinct use (TEXT when unused). */
    public Set<VariableType> checkedTypes() {
        Set<VariableType> types = new LinkedHashSet<>();
        if (typeDeclared || uses.isEmpty()) {
            types.add(type);
            return types;
        }
        uses.forEach(u -> types.add(u.type()));
        if (type == VariableType.SECRET) {
            types.add(VariableType.SECRET);
        }
        return types;
    }

    /** The uses whose type is {@code t}, for messages. */
    public List<PlaceholderUse> usesOf(VariableType t) {
        List<PlaceholderUse> out = new ArrayList<>();
        uses.forEach(u -> {
            if (u.type() == t) {
                out.add(u);
            }
        });
        return out;
    }
}
