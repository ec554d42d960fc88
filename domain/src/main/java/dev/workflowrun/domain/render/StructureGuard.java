package dev.workflowrun.domain.render;

import dev.workflowrun.domain.manifest.ManifestException;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.variables.RunId;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableProblem;
import dev.workflowrun.domain.variables.VariableType;
import dev.workflowrun.domain.variables.Variables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A substituted value must change data, never structure. Two checks, both before anything is applied:
 *
 * <ol>
 *   <li>By context: each place a placeholder is used has a {@link YamlContext}; a value holding what is
 *       syntax there (a {@code ,} or a bracket inside a flow collection) is refused, naming the line.</li>
 *   <li>By shape: the template is rendered once more with neutral stand-ins and both documents are read as
 *       data; they must have the same keys, the same sequence lengths and the same kinds of node. Whatever the
 *       first check missed (a multi-line flow collection, a context the text scan misread) is caught here.</li>
 * </ol>
 */
public final class StructureGuard {

    private static final String STAND_IN = "standin";

    private StructureGuard() {
    }

    /** The values that would change the manifest's structure, one problem each; empty when every value is data only. */
    public static List<VariableProblem> check(String template, Variables variables, String renderedYaml, ReadManifestPort reader) {
        List<VariableProblem> byContext = byContext(template, variables);
        return byContext.isEmpty() ? byShape(template, variables, renderedYaml, reader) : byContext;
    }

    /** The first check alone, on the text: usable before the rendered manifest is parsed (a value may make it unparseable). */
    public static List<VariableProblem> byContext(String template, Variables variables) {
        Map<String, String> values = variables.substitutions();
        Map<String, List<Integer>> uses = TemplateRenderer.occurrences(template, values.keySet());
        List<VariableProblem> problems = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : uses.entrySet()) {
            String name = e.getKey();
            String value = values.get(name);
            for (int offset : e.getValue()) {
                YamlContext context = YamlContext.at(template, offset);
                String syntax = context.syntaxIn(value);
                if (!syntax.isEmpty()) {
                    int line = lineOf(template, offset);
                    problems.add(new VariableProblem(name, shown(variables, name, value) + " holds " + quoted(syntax) + " and line " + line
                            + " uses $" + name + " in " + context.description() + ", where " + quoted(syntax)
                            + " is YAML syntax (',' ends an item): the value would add items or keys to the manifest",
                            "quote it in the scenario (\"...$" + name + "...\") or give a value without " + quoted(syntax)));
                    break;
                }
            }
        }
        return problems;
    }

    private static List<VariableProblem> byShape(String template, Variables variables, String renderedYaml, ReadManifestPort reader) {
        Map<String, String> values = variables.substitutions();
        Map<String, List<Integer>> uses = TemplateRenderer.occurrences(template, values.keySet());
        Map<String, String> standIns = new LinkedHashMap<>();
        int i = 0;
        for (String name : values.keySet()) {
            standIns.put(name, STAND_IN + i++);
        }
        String neutral = TemplateRenderer.render(template, standIns).yaml();
        List<String> differences;
        try {
            differences = reader.dataDifferences(neutral, renderedYaml);
        } catch (ManifestException | IllegalArgumentException e) {
            // The neutral rendering is not even YAML while the real one is: the values made the structure.
            differences = List.of("+ (document): " + e.getMessage());
        }
        Set<String> changed = shapeChanges(differences, values, standIns);
        if (changed.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(uses.keySet());
        names.removeIf(n -> variables.declarations().stream().anyMatch(d -> d.name().equals(n) && !freeText(d)));
        String who = names.isEmpty() ? "the values" : "the value of $" + String.join(", $", names);
        return List.of(new VariableProblem(names.isEmpty() ? "(values)" : String.join(", ", names),
                who + " changes the manifest's structure, not only its data: compared with a rendering with neutral values, "
                        + String.join(", ", changed.stream().limit(8).toList()) + (changed.size() > 8 ? ", ..." : "")
                        + " appear, vanish or change kind",
                "quote the placeholder in the scenario (\"...$NAME...\") or give a value without YAML syntax (, [ ] { })"));
    }

    private static boolean freeText(VariableDeclaration d) {
        return d.type() == VariableType.TEXT || d.type() == VariableType.SECRET;
    }

    /**
     * Paths that exist on one side only, or that hold a scalar on one side and a collection on the other.
     * A difference of a scalar's value at the same path is what substitution is for.
     */
    static Set<String> shapeChanges(List<String> differences, Map<String, String> values, Map<String, String> standIns) {
        Map<String, String> removed = new LinkedHashMap<>();
        Map<String, String> added = new LinkedHashMap<>();
        for (String line : differences) {
            if (line.length() < 2 || (line.charAt(0) != '-' && line.charAt(0) != '+')) {
                continue;
            }
            String rest = line.substring(2);
            int colon = rest.indexOf(": ");
            String path = colon < 0 ? rest : rest.substring(0, colon);
            String datum = colon < 0 ? "" : rest.substring(colon + 2);
            if (line.charAt(0) == '-') {
                removed.put(path, datum);
            } else {
                // A placeholder in a key: compare the key as the neutral rendering has it.
                String neutralPath = path;
                for (Map.Entry<String, String> v : values.entrySet()) {
                    if (!v.getValue().isEmpty()) {
                        neutralPath = neutralPath.replace(v.getValue(), standIns.get(v.getKey()));
                    }
                }
                added.put(neutralPath, datum);
            }
        }
        Set<String> changed = new TreeSet<>();
        for (String path : removed.keySet()) {
            if (!added.containsKey(path)) {
                changed.add(path);
            } else if (collection(added.get(path)) != collection(removed.get(path))) {
                changed.add(path);
            }
        }
        for (String path : added.keySet()) {
            if (!removed.containsKey(path)) {
                changed.add(path);
            }
        }
        return changed;
    }

    private static boolean collection(String datum) {
        return datum.startsWith("{") || datum.startsWith("[");
    }

    private static String shown(Variables variables, String name, String value) {
        boolean secret = variables.declarations().stream().anyMatch(d -> d.name().equals(name) && d.type() == VariableType.SECRET);
        return secret ? "the secret value" : "'" + RunId.abbreviate(value) + "'";
    }

    private static String quoted(String chars) {
        List<String> each = new ArrayList<>();
        for (char c : chars.toCharArray()) {
            each.add("'" + c + "'");
        }
        return String.join(" ", each);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
