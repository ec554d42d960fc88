package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.render.TemplateRenderer;
import dev.workflowrun.domain.variables.VariableDeclaration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every declared placeholder is used in the body (else it is a knob nobody turns), and every
 * {@code $UPPER_CASE} token left after rendering outside the Task scripts looks like a
 * placeholder someone forgot to declare. Both are warnings: the run can go on.
 */
public final class PlaceholderUsageRule implements ManifestCheck {

    static final String RULE = "placeholders";
    private static final Pattern UPPER_TOKEN = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)\\}?");

    @Override
    public List<LintFinding> check(LintContext context) {
        List<LintFinding> findings = new ArrayList<>();
        String body = withoutComments(context.template());
        Set<String> declared = context.declared().stream().map(VariableDeclaration::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> used = TemplateRenderer.mentioned(body, declared);
        for (String name : declared) {
            if (!used.contains(name)) {
                findings.add(LintFinding.warning(RULE, "$" + name + " is declared but never used; drop it from the header"));
            }
        }
        String scripts = context.manifest().workflowSpec()
                .map(s -> s.templates().stream().map(WorkflowTemplate::scriptText).collect(Collectors.joining("\n")))
                .orElse("");
        Set<String> undeclared = new TreeSet<>();
        String rendered = withoutComments(context.rendered());
        Matcher m = UPPER_TOKEN.matcher(rendered);
        while (m.find()) {
            String token = m.group();
            int at = m.start();
            boolean escaped = at > 0 && rendered.charAt(at - 1) == '$';
            if (!escaped && !scripts.contains(token)) {
                undeclared.add(m.group(1));
            }
        }
        for (String name : undeclared) {
            findings.add(LintFinding.warning(RULE, "$" + name + " looks like a placeholder but is not declared, so it stays as written;"
                    + " declare it in the header or escape it as $$" + name));
        }
        return findings;
    }

    private static String withoutComments(String yaml) {
        return yaml.lines().filter(l -> !l.stripLeading().startsWith("#")).collect(Collectors.joining("\n"));
    }
}
