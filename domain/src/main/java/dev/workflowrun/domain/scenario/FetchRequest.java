package dev.workflowrun.domain.scenario;

import java.util.List;
import java.util.Objects;

/** What to fetch: the scenario, and extra paths wanted at the same commit (e.g. {@code runner/rbac.yaml}). */
public record FetchRequest(ScenarioRef scenario, List<String> extraPaths) {

    public FetchRequest {
        Objects.requireNonNull(scenario, "scenario");
        extraPaths = List.copyOf(extraPaths);
        for (String p : extraPaths) {
            ScenarioPaths.requireRelative("an extra path", p);
        }
    }

    public static FetchRequest of(ScenarioRef scenario) {
        return new FetchRequest(scenario, List.of());
    }
}
