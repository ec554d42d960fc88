package dev.workflowrun.domain.drift;

/** {@code --require-pinned-ref}: only a full 40-hex SHA may be the scenario ref (branches and tags move). */
public record PinnedRefRule() implements DriftRule {

    @Override
    public String name() {
        return "require-pinned-ref";
    }

    @Override
    public DriftFinding check(DriftContext context) {
        String ref = context.scenario().ref().ref();
        if (context.scenario().ref().pinned()) {
            return DriftFinding.holds(name(), "a full 40-hex commit SHA", ref);
        }
        return DriftFinding.broken(name(), "a full 40-hex commit SHA", ref,
                "set --scenario-ref to " + context.scenario().commit() + " (what '" + ref + "' resolves to now)");
    }
}
