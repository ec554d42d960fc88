package dev.workflowrun.domain.variables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The typed allow-list bound to its values. Built only through {@link #bind}, which rejects
 * undeclared names, missing values and ill-typed values, all of them at once.
 */
public final class Variables {

    /** A limit on how many values one run may carry; more is a mistake, not a scenario. */
    public static final int MAX_VALUES = 256;

    private final Map<String, VariableDeclaration> declarations;
    private final Map<String, String> values;
    /** Each warning under the placeholder it is about, in declaration order. */
    private final Map<String, String> warnings;

    private Variables(Map<String, VariableDeclaration> declarations, Map<String, String> values, Map<String, String> warnings) {
        this.declarations = Collections.unmodifiableMap(declarations);
        this.values = Collections.unmodifiableMap(values);
        this.warnings = Collections.unmodifiableMap(warnings);
    }

    public static Variables bind(List<VariableDeclaration> declared, Map<String, String> given) {
        List<VariableProblem> problems = new ArrayList<>();
        Map<String, VariableDeclaration> byName = new LinkedHashMap<>();
        for (VariableDeclaration d : declared) {
            byName.put(d.name(), d);
        }
        if (given.size() > MAX_VALUES) {
            throw new VariablesException(List.of(new VariableProblem("(all)", given.size() + " values were given; at most " + MAX_VALUES,
                    "pass only the placeholders the scenario declares")));
        }
        for (String name : new TreeMap<>(given).keySet()) {
            if (!byName.containsKey(name)) {
                problems.add(new VariableProblem(name, "is not declared by the scenario",
                        byName.isEmpty() ? "the scenario declares no placeholders; remove --var " + name
                                : "declared are " + String.join(", ", byName.keySet()) + "; remove it or declare it in the scenario's placeholder header"));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> warnings = new LinkedHashMap<>();
        for (VariableDeclaration d : byName.values()) {
            String value = given.get(d.name());
            if (value == null || value.isEmpty()) {
                problems.add(new VariableProblem(d.name(), "is declared but has no value",
                        "pass --var " + d.name() + "=<" + d.type().label() + ">" + (d.description().isEmpty() ? "" : " (" + d.description() + ")")));
                continue;
            }
            Optional<VariableProblem> problem = check(d, value);
            if (problem.isPresent()) {
                problems.add(problem.get());
                continue;
            }
            values.put(d.name(), value);
            nameHint(d, value).ifPresent(w -> warnings.put(d.name(), w));
        }
        if (!problems.isEmpty()) {
            throw new VariablesException(problems);
        }
        return new Variables(byName, values, warnings);
    }

    /**
     * A value must suit the declared type, or, without one, every place the manifest uses it: where uses
     * disagree the strictest refuses, and the message names each use by line.
     */
    private static Optional<VariableProblem> check(VariableDeclaration d, String value) {
        boolean secret = d.type() == VariableType.SECRET;
        String shown = secret ? "the secret value" : "'" + RunId.abbreviate(value) + "'";
        for (VariableType t : d.checkedTypes()) {
            try {
                t.check(value);
            } catch (IllegalArgumentException e) {
                String detail = secret ? "it breaks the rule" : e.getMessage();
                List<String> uses = new ArrayList<>();
                d.uses().forEach(u -> uses.add(u.describe()));
                boolean agree = d.uses().stream().map(PlaceholderUse::type).distinct().count() <= 1;
                if (d.typeDeclared() || agree) {
                    return Optional.of(new VariableProblem(d.name(), shown + " is not " + t.rule() + ": " + detail,
                            "give a value of type " + t.label() + (d.typeDeclared() || uses.isEmpty() ? "" : "; it is used " + String.join(" and ", uses))));
                }
                List<PlaceholderUse> strict = d.usesOf(t);
                String where = strict.isEmpty() ? "" : " or keep $" + d.name() + " out of " + strict.get(0).field() + " at line " + strict.get(0).line();
                return Optional.of(new VariableProblem(d.name(), "is used " + String.join(" and ", uses) + ": "
                        + (secret ? shown + " is not " + article(t.shortName()) : detail), "give " + t.rule() + where));
            }
        }
        return Optional.empty();
    }

    /** A name that suggests another type than the value has: said, never refused. */
    private static Optional<String> nameHint(VariableDeclaration d, String value) {
        VariableType hint = VariableType.inferFromName(d.name());
        if (d.typeDeclared() || hint == VariableType.TEXT || hint == VariableType.SECRET || d.checkedTypes().contains(hint)) {
            return Optional.empty();
        }
        try {
            hint.check(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            String uses = d.uses().isEmpty() ? "it is used nowhere" : "it is used " + String.join(" and ", d.uses().stream().map(PlaceholderUse::describe).toList());
            return Optional.of("$" + d.name() + ": its name suggests " + article(hint.shortName())
                    + ", but '" + RunId.abbreviate(value) + "' is not one; accepted, as " + uses);
        }
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    /** What the names suggest but the values are not; never a refusal. */
    public List<String> warnings() {
        return List.copyOf(warnings.values());
    }

    /** The warnings about the values given by the user, not about the stand-ins of {@code standIns} (lint's, verify's). */
    public List<String> warningsExcept(java.util.Set<String> standIns) {
        return warnings.entrySet().stream().filter(w -> !standIns.contains(w.getKey())).map(Map.Entry::getValue).toList();
    }

    /** The role placeholders bound here, by role. */
    public Map<PlaceholderRole, String> roles() {
        Map<PlaceholderRole, String> roles = new java.util.EnumMap<>(PlaceholderRole.class);
        declarations.values().forEach(d -> d.role().ifPresent(r -> roles.put(r, d.name())));
        return roles;
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean isDeclared(String name) {
        return declarations.containsKey(name);
    }

    public List<VariableDeclaration> declarations() {
        return List.copyOf(declarations.values());
    }

    /** Names and values, with secret-typed values replaced by {@code ***}: safe to log or publish. */
    public Map<String, String> redacted() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((name, value) -> shown.put(name,
                declarations.get(name).type() == VariableType.SECRET ? "***" : value));
        return shown;
    }

    /** The secret-typed variables, name to value, so that everything the run writes can be scrubbed of them. */
    public Map<String, String> secrets() {
        Map<String, String> secrets = new TreeMap<>();
        values.forEach((name, value) -> {
            if (declarations.get(name).type() == VariableType.SECRET) {
                secrets.put(name, value);
            }
        });
        return secrets;
    }

    /** The secret values themselves, so that output can be scrubbed of them. */
    public List<String> secretValues() {
        List<String> secrets = new ArrayList<>();
        values.forEach((name, value) -> {
            if (declarations.get(name).type() == VariableType.SECRET) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    Map<String, String> values() {
        return values;
    }

    /** For the renderer: the allow-listed names and their values. */
    public Map<String, String> substitutions() {
        return values;
    }
}
