package dev.workflowrun.domain.pipeline;

import dev.workflowrun.domain.variables.IdentityRoles;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableProblem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A scenario's declarations with the identity roles resolved and assigned: the first step of {@link ScenarioPipeline}. */
public record RoleAssignment(List<VariableDeclaration> declared, IdentityRoles roles) {

    public RoleAssignment {
        declared = List.copyOf(declared);
    }

    /** Refusals of values given for role placeholders (the runner fills those). */
    public List<VariableProblem> givenForRoles(Map<String, String> given) {
        return roles.givenForRoles(given);
    }

    /** {@code given} without any role placeholder, plus the role placeholders bound as {@code identity} says. */
    public Map<String, String> values(Map<String, String> given, IdentityBinding identity) {
        Map<String, String> values = new LinkedHashMap<>(given);
        values.keySet().removeIf(name -> roles.roleOf(name).isPresent());
        return roles.fill(values, identity.runId(), identity.namespace());
    }
}
