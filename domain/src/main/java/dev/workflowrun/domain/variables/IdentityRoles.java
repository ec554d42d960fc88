package dev.workflowrun.domain.variables;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which placeholder plays which role in one scenario. For each role, in order: the placeholder a flag
 * names ({@code --run-id-var}, {@code --namespace-var}) when it names another than the default; else the
 * one the header marks ({@code $RUN_ID (run-id)}); else the default name ({@code SEI_WORKFLOW_RUN_ID},
 * {@code SEI_NAMESPACE}). A role placeholder the scenario does not declare plays no part.
 */
public final class IdentityRoles {

    private final Map<PlaceholderRole, String> variables;
    private final Map<PlaceholderRole, String> declared;

    private IdentityRoles(Map<PlaceholderRole, String> variables, Map<PlaceholderRole, String> declared) {
        this.variables = variables;
        this.declared = declared;
    }

    /**
     * @param runIdVariable     the placeholder {@code --run-id-var} names, or the default
     * @param namespaceVariable the placeholder {@code --namespace-var} names, or the default
     */
    public static IdentityRoles resolve(List<VariableDeclaration> declarations, String runIdVariable, String namespaceVariable) {
        Map<PlaceholderRole, String> names = new EnumMap<>(PlaceholderRole.class);
        Map<PlaceholderRole, String> present = new EnumMap<>(PlaceholderRole.class);
        for (PlaceholderRole role : PlaceholderRole.values()) {
            String flag = role == PlaceholderRole.RUN_ID ? runIdVariable : namespaceVariable;
            Optional<String> marked = declarations.stream().filter(d -> d.role().equals(Optional.of(role))).map(VariableDeclaration::name).findFirst();
            String name = !flag.equals(role.defaultVariable()) ? flag : marked.orElse(role.defaultVariable());
            names.put(role, name);
            if (declarations.stream().anyMatch(d -> d.name().equals(name))) {
                present.put(role, name);
            }
        }
        if (present.size() == 2 && present.get(PlaceholderRole.RUN_ID).equals(present.get(PlaceholderRole.NAMESPACE))) {
            throw new IllegalArgumentException("$" + present.get(PlaceholderRole.RUN_ID) + " cannot play both the run-id and the namespace role;"
                    + " give each role its own placeholder");
        }
        return new IdentityRoles(names, present);
    }

    /** The defaults, for a scenario that says nothing. */
    public static IdentityRoles defaults(List<VariableDeclaration> declarations) {
        return resolve(declarations, PlaceholderRole.RUN_ID.defaultVariable(), PlaceholderRole.NAMESPACE.defaultVariable());
    }

    /** The placeholder that plays {@code role} (declared by the scenario or not). */
    public String variable(PlaceholderRole role) {
        return variables.get(role);
    }

    /** The role placeholders the scenario declares, by role. */
    public Map<PlaceholderRole, String> declared() {
        return new EnumMap<>(declared);
    }

    public Optional<PlaceholderRole> roleOf(String name) {
        return declared.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst();
    }

    /** The declarations with the roles as resolved: the role-playing ones marked, a header mark a flag overrode dropped. */
    public List<VariableDeclaration> assign(List<VariableDeclaration> declarations) {
        List<VariableDeclaration> out = new ArrayList<>();
        for (VariableDeclaration d : declarations) {
            out.add(d.withRole(roleOf(d.name())));
        }
        return out;
    }

    /**
     * Refusals of values given for role placeholders: the runner makes those values, so a {@code --var}
     * for one is a mistake, named with the flag that fills it.
     */
    public List<VariableProblem> givenForRoles(Map<String, String> given) {
        List<VariableProblem> problems = new ArrayList<>();
        for (String name : new TreeMap<>(given).keySet()) {
            roleOf(name).ifPresent(role -> problems.add(new VariableProblem(name, "plays the " + role.label() + " role: the runner fills it from "
                    + role.valueFlag(), "drop --var " + name + " and pass " + role.valueFlag() + "=<value> instead")));
        }
        return problems;
    }

    /** {@code given} plus the role placeholders' values. */
    public Map<String, String> fill(Map<String, String> given, String runId, String namespace) {
        Map<String, String> values = new LinkedHashMap<>(given);
        Optional.ofNullable(declared.get(PlaceholderRole.RUN_ID)).ifPresent(n -> values.put(n, runId));
        Optional.ofNullable(declared.get(PlaceholderRole.NAMESPACE)).ifPresent(n -> values.put(n, namespace));
        return values;
    }

    /** E.g. {@code run-id=$RUN_ID, namespace=$NS}, for logs and reports. */
    public String describe() {
        if (declared.isEmpty()) {
            return "no role placeholder";
        }
        List<String> parts = new ArrayList<>();
        declared.forEach((role, name) -> parts.add(role.label() + "=$" + name));
        return String.join(", ", parts);
    }
}
