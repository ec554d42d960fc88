package dev.workflowrun.runner.sandbox;

import dev.workflowrun.domain.scenario.PlaceholderHeader;
import dev.workflowrun.domain.variables.IdentityRoles;
import dev.workflowrun.domain.variables.PlaceholderRole;
import dev.workflowrun.domain.variables.VariableType;
import dev.workflowrun.domain.variables.VariableDeclaration;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values for every placeholder a scenario declares, made so that the drift rules hold: every image
 * is tagged with the commit the scenario was fetched at, as the controller's CI tags its builds.
 */
public final class SandboxVariables {

    private SandboxVariables() {
    }

    public static Map<String, String> derive(String template, String commit) {
        return derive(template, commit, PlaceholderRole.RUN_ID.defaultVariable(), PlaceholderRole.NAMESPACE.defaultVariable());
    }

    /** The values of every placeholder but the role ones ({@code --run-id-var}, {@code --namespace-var} or the header's marks). */
    public static Map<String, String> derive(String template, String commit, String runIdVariable, String namespaceVariable) {
        Map<String, String> values = new TreeMap<>();
        String shortSha = commit.substring(0, 12);
        List<VariableDeclaration> declared = PlaceholderHeader.read(template);
        IdentityRoles roles = IdentityRoles.resolve(declared, runIdVariable, namespaceVariable);
        for (VariableDeclaration d : declared) {
            String name = d.name();
            if (roles.roleOf(name).isPresent()) {
                continue; // the runner fills the role placeholders from --run-id and --namespace
            }
            String base = name.toLowerCase(Locale.ROOT).replaceAll("_(image|img)$", "").replace('_', '-');
            // Text takes anything safe: a value shaped the way the name suggests reads better in the sandbox's output.
            VariableType hint = VariableType.inferFromName(name);
            VariableType shape = d.type() == VariableType.TEXT && hint != VariableType.SECRET ? hint : d.type();
            String value = switch (shape) {
                case IMAGE -> "ghcr.io/sandbox/" + base + ":" + shortSha;
                case DNS_LABEL, DNS_SUBDOMAIN, LABEL_VALUE -> ("sandbox-" + base).replaceAll("-+", "-");
                case INTEGER -> "5";
                case DURATION -> "5m";
                case SECRET -> "sandbox-not-a-secret";
                case TEXT -> name.endsWith("_COMMIT_ID") || name.endsWith("_SHA") ? shortSha : "sandbox";
            };
            values.put(name, value);
        }
        return values;
    }
}
