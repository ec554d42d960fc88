package dev.workflowrun.domain.pipeline;

import dev.workflowrun.domain.drift.DriftCheck;
import dev.workflowrun.domain.drift.DriftContext;
import dev.workflowrun.domain.drift.DriftReport;
import dev.workflowrun.domain.drift.DriftRule;
import dev.workflowrun.domain.drift.LiveImagePort;
import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.ManifestException;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.render.RenderedManifest;
import dev.workflowrun.domain.render.TemplateRenderer;
import dev.workflowrun.domain.scenario.FetchRequest;
import dev.workflowrun.domain.scenario.PlaceholderHeader;
import dev.workflowrun.domain.scenario.ResolvedScenario;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.variables.IdentityRoles;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.Variables;
import dev.workflowrun.domain.variables.VariablesException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fetch → roles → bind → render → lint → drift: the one way a scenario is prepared, shared by the run
 * lifecycle ({@code run}, {@code render}, {@code sandbox}), {@code lint} and build-time {@code verify}.
 * The steps differ between them only in how the identity placeholders are bound ({@link IdentityBinding})
 * and in how a refusal is reported, which each caller decides: a step throws, the caller words it.
 */
public final class ScenarioPipeline {

    private final ReadManifestPort manifests;

    public ScenarioPipeline(ReadManifestPort manifests) {
        this.manifests = manifests;
    }

    /** Fetch: the scenario, and every path a drift rule reads at the same commit. */
    public static FetchRequest fetchRequest(ScenarioRef ref, List<? extends DriftRule> rules) {
        LinkedHashSet<String> extra = new LinkedHashSet<>();
        rules.forEach(rule -> extra.addAll(rule.pathsAtRef()));
        return new FetchRequest(ref, List.copyOf(extra));
    }

    /**
     * Roles: reads the placeholder header and resolves which placeholder plays which identity role.
     *
     * @param runIdVariable     the placeholder {@code --run-id-var} names (or the default); the header's {@code (run-id)} mark applies otherwise
     * @param namespaceVariable the same for the namespace
     * @throws IllegalArgumentException when the header cannot be read or one placeholder would play both roles
     */
    public static RoleAssignment roles(String template, String runIdVariable, String namespaceVariable) {
        List<VariableDeclaration> declared = PlaceholderHeader.read(template);
        IdentityRoles roles = IdentityRoles.resolve(declared, runIdVariable, namespaceVariable);
        return new RoleAssignment(roles.assign(declared), roles);
    }

    /**
     * Bind: the values checked against the declarations.
     *
     * @throws VariablesException naming every value that is missing or not of its type
     */
    public static Variables bind(RoleAssignment roles, Map<String, String> values) {
        return Variables.bind(roles.declared(), values);
    }

    /**
     * Render: substitutes the bound values and reads the result as a manifest.
     *
     * @throws ManifestException when the rendered text is not a manifest
     */
    public Rendering render(String template, Variables variables) {
        RenderedManifest rendered = TemplateRenderer.render(template, variables);
        return new Rendering(rendered, manifests.read(rendered.yaml()));
    }

    /** Lint: every rule's findings on the rendered scenario, in rule order. */
    public static List<LintFinding> lint(List<? extends ManifestCheck> rules, LintContext context) {
        List<LintFinding> findings = new ArrayList<>();
        rules.forEach(rule -> findings.addAll(rule.check(context)));
        return findings;
    }

    /** Drift: the rules evaluated against the fetched scenario and the bound values (live ones only with a {@code live} port). */
    public DriftReport drift(List<DriftRule> rules, ResolvedScenario scenario, Variables variables, Optional<LiveImagePort> live) {
        return DriftCheck.evaluate(rules, new DriftContext(scenario, variables, manifests, live));
    }
}
