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

    private Variables(Map<String, VariableDeclaration> declarations, Map<String, String> values) {
        this.declarations = Collections.unmodifiableMap(declarations);
        this.values = Collections.unmodifiableMap(values);
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
        for (VariableDeclaration d : byName.values()) {
            String value = given.get(d.name());
            if (value == null || value.isEmpty()) {
                problems.add(new VariableProblem(d.name(), "is declared but has no value",
                        "pass --var " + d.name() + "=<" + d.type().label() + ">" + (d.description().isEmpty() ? "" : " (" + d.description() + ")")));
                continue;
            }
            try {
                d.type().check(value);
                values.put(d.name(), value);
            } catch (IllegalArgumentException e) {
                String shown = d.type() == VariableType.SECRET ? "the secret value" : "'" + RunId.abbreviate(value) + "'";
                String detail = d.type() == VariableType.SECRET ? "it breaks the rule" : e.getMessage();
                problems.add(new VariableProblem(d.name(), shown + " is not " + d.type().rule() + ": " + detail,
                        "give a value of type " + d.type().label()));
            }
        }
        if (!problems.isEmpty()) {
            throw new VariablesException(problems);
        }
        return new Variables(byName, values);
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
