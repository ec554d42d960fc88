package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.ManifestException;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.pipeline.IdentityBinding;
import dev.workflowrun.domain.pipeline.Rendering;
import dev.workflowrun.domain.pipeline.RoleAssignment;
import dev.workflowrun.domain.pipeline.ScenarioPipeline;
import dev.workflowrun.domain.variables.IdentityRoles;
import dev.workflowrun.domain.variables.PlaceholderRole;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.Variables;
import dev.workflowrun.domain.variables.VariablesException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code lint} use case: checks a scenario file on its own, before it is ever run. Values not
 * given are replaced by typed stand-ins ({@link SampleValues}), the run-id placeholder by the stand-in {@link IdentityBinding#LINT_RUN_ID} and the
 * namespace placeholder by the namespace (whatever their names, see {@link IdentityRoles}),
 * so the template renders and every rule can look at it. The steps are the run's ({@link ScenarioPipeline}).
 */
public final class LintScenario {

    private final ReadManifestPort manifests;
    private final List<ManifestCheck> rules;

    public LintScenario(ReadManifestPort manifests, List<ManifestCheck> rules) {
        this.manifests = manifests;
        this.rules = List.copyOf(rules);
    }

    public List<LintFinding> lint(String scenario, String template, String namespace, Map<String, String> given) {
        return lint(scenario, template, namespace, given, PlaceholderRole.RUN_ID.defaultVariable(), PlaceholderRole.NAMESPACE.defaultVariable());
    }

    /**
     * @param runIdVariable     the placeholder {@code --run-id-var} names (or the default); the header's {@code (run-id)} mark applies otherwise
     * @param namespaceVariable the same for the namespace
     */
    public List<LintFinding> lint(String scenario, String template, String namespace, Map<String, String> given, String runIdVariable,
                                  String namespaceVariable) {
        List<LintFinding> findings = new ArrayList<>();
        RoleAssignment assignment;
        try {
            assignment = ScenarioPipeline.roles(template, runIdVariable, namespaceVariable);
        } catch (IllegalArgumentException e) {
            return List.of(LintFinding.error("placeholder-header", e.getMessage()));
        }
        List<VariableDeclaration> declared = assignment.declared();
        IdentityRoles roles = assignment.roles();
        assignment.givenForRoles(given).forEach(p -> findings.add(LintFinding.error("variables", p.toString())));
        IdentityBinding identity = IdentityBinding.lintStandIn(namespace);
        Map<String, String> values = new HashMap<>(assignment.values(given, identity));
        Set<String> standIns = new HashSet<>();
        for (VariableDeclaration d : declared) {
            if (values.putIfAbsent(d.name(), SampleValues.of(d.type())) == null) {
                standIns.add(d.name());
            }
        }
        Variables variables;
        try {
            variables = ScenarioPipeline.bind(assignment, values);
        } catch (VariablesException e) {
            e.problems().forEach(p -> findings.add(LintFinding.error("variables", p.toString())));
            return findings;
        }
        // A name that suggests another type than its value has is said of the values given, never of a stand-in's.
        variables.warningsExcept(standIns).forEach(w -> findings.add(LintFinding.warning("placeholder-types", w)));
        Rendering rendering;
        try {
            rendering = new ScenarioPipeline(manifests).render(template, variables);
        } catch (ManifestException e) {
            return List.of(LintFinding.error("yaml", e.getMessage()));
        }
        String rendered = rendering.manifest().yaml();
        ParsedManifest parsed = rendering.parsed();
        String runIdVar = roles.variable(PlaceholderRole.RUN_ID);
        String expectedName = identity.workflowName(scenario);
        parsed.workflow().filter(w -> !w.name().equals(expectedName)).ifPresent(w -> findings.add(LintFinding.error("workflow-name",
                "the Workflow is named '" + w.name() + "'; name it " + scenario + "-$" + runIdVar
                        + " so each run has its own Workflow and a retry can adopt it"
                        + (roles.declared().containsKey(PlaceholderRole.RUN_ID) ? ""
                        : " (declare $" + runIdVar + " in the header, or mark the run-id placeholder: $NAME (run-id), or pass --run-id-var)"))));
        if (parsed.workflow().isEmpty()) {
            findings.add(LintFinding.error("workflow", "the scenario holds no Workflow"));
        }
        LintContext context = new LintContext(parsed, template, rendered, declared, namespace, expectedName);
        findings.addAll(ScenarioPipeline.lint(rules, context));
        return findings;
    }
}
