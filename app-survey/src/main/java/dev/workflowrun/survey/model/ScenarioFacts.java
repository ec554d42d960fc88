package dev.workflowrun.survey.model;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Everything the survey learnt about one scenario directory.
 *
 * @param operations  the seven operations in execution order of their first occurrence (missing ones absent)
 * @param sequence    every recognised cleanup-relevant event in execution order (capture, abort, delete, sweep, upload)
 * @param knobs       knob name to value
 * @param problems    parse problems ("wrapper.sh: line 3, column 5: ..."); non-empty means the survey of this scenario is partial
 * @param normalised  the wrapper with scenario names and run-specific literals replaced, for diffs
 * @param cronEnv     the CronJob container's literal environment, in manifest order
 * @param roles       variables the runner fills from its own flags rather than from --var, by what they are:
 *                    the namespace ({@code --namespace}), the run id ({@code --run-id}), a git token
 *                    ({@code --git-token-env}/{@code --git-token-file}), a secret only a bespoke step reads ({@code bespoke}),
 *                    or a wrapper input the declared values are derived from ({@code input})
 */
public record ScenarioFacts(String name, List<Operation> operations, List<String> sequence, SortedMap<String, KnobValue> knobs,
                            List<ExtraStep> extras, List<String> problems, List<String> normalised,
                            Map<String, String> cronEnv, Map<String, String> roles) {

    public ScenarioFacts(String name, List<Operation> operations, List<String> sequence, SortedMap<String, KnobValue> knobs,
                         List<ExtraStep> extras, List<String> problems, List<String> normalised, Map<String, String> cronEnv) {
        this(name, operations, sequence, knobs, extras, problems, normalised, cronEnv, Map.of());
    }

    /** The variable holding the given role ("--namespace", "--run-id"), or "". */
    public String variableFor(String role) {
        return roles.entrySet().stream().filter(e -> e.getValue().equals(role)).map(Map.Entry::getKey).sorted().findFirst().orElse("");
    }

    public ScenarioFacts {
        operations = List.copyOf(operations);
        sequence = List.copyOf(sequence);
        java.util.TreeMap<String, KnobValue> sharedKnobs = new java.util.TreeMap<>(knobs.comparator());
        knobs.forEach((k, v) -> sharedKnobs.put(Strings.shared(k), v));
        knobs = java.util.Collections.unmodifiableSortedMap(sharedKnobs);
        extras = List.copyOf(extras);
        problems = List.copyOf(problems);
        normalised = Strings.shared(normalised);
        cronEnv = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cronEnv));
        roles = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(roles));
    }

    public boolean partial() {
        return !problems.isEmpty();
    }

    public boolean performs(OpKind kind) {
        return operations.stream().anyMatch(o -> o.kind() == kind);
    }
}
