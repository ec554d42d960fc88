package dev.workflowrun.domain.scenario;

/**
 * Where a scenario lives: a repository (any form the scenario source understands), a ref
 * (branch, tag or commit SHA) and the path of the scenario file at that ref.
 */
public record ScenarioRef(String repository, String ref, String path) {

    public ScenarioRef {
        if (repository == null || repository.isBlank()) {
            throw new IllegalArgumentException("the scenario repository is empty; pass --scenario-repo, e.g. github.com/owner/repo");
        }
        if (ref == null || ref.isBlank()) {
            throw new IllegalArgumentException("the scenario ref is empty; pass --scenario-ref with a branch, tag or commit SHA");
        }
        ScenarioPaths.requireRelative("the scenario path", path);
    }

    /** True when the ref is a full 40-hex commit SHA, i.e. cannot move. */
    public boolean pinned() {
        return CommitSha.isFull(ref);
    }

    @Override
    public String toString() {
        return repository + "@" + ref + ":" + path;
    }
}
