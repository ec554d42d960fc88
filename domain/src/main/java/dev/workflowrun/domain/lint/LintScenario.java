package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.ManifestException;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.render.TemplateRenderer;
import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.domain.scenario.PlaceholderHeader;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.Variables;
import dev.workflowrun.domain.variables.VariablesException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code lint} use case: checks a scenario file on its own, before it is ever run. Values not
 * given are replaced by typed stand-ins ({@link SampleValues}), the run id (when not given) by {@value #LINT_RUN_ID},
 * so the template renders and every rule can look at it.
 */
public final class LintScenario {

    public static final String LINT_RUN_ID = "lint";

    private final ReadManifestPort manifests;
    private final List<ManifestCheck> rules;

    public LintScenario(ReadManifestPort manifests, List<ManifestCheck> rules) {
        this.manifests = manifests;
        this.rules = List.copyOf(rules);
    }

    public List<LintFinding> lint(String scenario, String template, String namespace, Map<String, String> given) {
        List<LintFinding> findings = new ArrayList<>();
        List<VariableDeclaration> declared;
        try {
            declared = PlaceholderHeader.read(template);
        } catch (IllegalArgumentException e) {
            return List.of(LintFinding.error("placeholder-header", e.getMessage()));
        }
        Map<String, String> values = new HashMap<>(given);
        for (VariableDeclaration d : declared) {
            if (d.name().equals(RunScenarioCommand.DEFAULT_RUN_ID_VARIABLE)) {
                values.putIfAbsent(d.name(), LINT_RUN_ID);
            } else if (d.name().equals(RunScenarioCommand.DEFAULT_NAMESPACE_VARIABLE)) {
                values.putIfAbsent(d.name(), namespace);
            } else {
                values.putIfAbsent(d.name(), SampleValues.of(d.type()));
            }
        }
        Variables variables;
        try {
            variables = Variables.bind(declared, values);
        } catch (VariablesException e) {
            e.problems().forEach(p -> findings.add(LintFinding.error("variables", p.toString())));
            return findings;
        }
        String rendered = TemplateRenderer.render(template, variables).yaml();
        ParsedManifest parsed;
        try {
            parsed = manifests.read(rendered);
        } catch (ManifestException e) {
            return List.of(LintFinding.error("yaml", e.getMessage()));
        }
        String runId = values.getOrDefault(RunScenarioCommand.DEFAULT_RUN_ID_VARIABLE, LINT_RUN_ID);
        String expectedName = scenario + "-" + runId;
        parsed.workflow().filter(w -> !w.name().equals(expectedName)).ifPresent(w -> findings.add(LintFinding.error("workflow-name",
                "the Workflow is named '" + w.name() + "'; name it " + scenario + "-$" + RunScenarioCommand.DEFAULT_RUN_ID_VARIABLE
                        + " so each run has its own Workflow and a retry can adopt it")));
        if (parsed.workflow().isEmpty()) {
            findings.add(LintFinding.error("workflow", "the scenario holds no Workflow"));
        }
        LintContext context = new LintContext(parsed, template, rendered, declared, namespace, expectedName);
        rules.forEach(rule -> findings.addAll(rule.check(context)));
        return findings;
    }
}
