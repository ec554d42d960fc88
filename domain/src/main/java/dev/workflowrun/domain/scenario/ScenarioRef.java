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

    /** The repository without any user or password a URL may carry: safe to log and publish. */
    public String displayRepository() {
        return repository.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }

    @Override
    public String toString() {
        return displayRepository() + "@" + ref + ":" + path;
    }
}
