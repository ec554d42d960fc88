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
        RepositoryCredentials.find(repository).ifPresent(credential -> {
            // The refusal names the kind of credential and the address with it masked, never the value.
            throw new IllegalArgumentException("the scenario repository " + RepositoryCredentials.redacted(repository) + " carries a credential ("
                    + credential + "); a repository URL is printed, logged and published, so credentials in it are refused."
                    + " Remove it from --scenario-repo and pass the token with --git-token-file=<file> or --git-token-env=<VARIABLE>");
        });
    }

    /** True when the ref is a full 40-hex commit SHA, i.e. cannot move. */
    public boolean pinned() {
        return CommitSha.isFull(ref);
    }

    /**
     * The repository as it may be logged and published. A credential is refused when the reference
     * is made; this masks one all the same (user information, credential-like query values), so the
     * guarantee does not rest on a single check.
     */
    public String displayRepository() {
        return RepositoryCredentials.redacted(repository);
    }

    @Override
    public String toString() {
        return displayRepository() + "@" + ref + ":" + path;
    }
}
