package dev.workflowrun.runner.sandbox;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TimeZone;

/**
 * A real git repository laid out like the controller repository the scenarios come from
 * ({@code scenarios/<name>.yaml}, {@code runner/rbac.yaml}), with one commit, fetched by the
 * runner through the same JGit adapter as in production, over {@code file://}.
 */
public record ScenarioRepository(Path directory, String commit) {

    public static final String BRANCH = "main";

    public static ScenarioRepository create(Path directory, Map<String, String> scenarios, String runnerRbac) {
        try {
            Files.createDirectories(directory.resolve("scenarios"));
            Files.createDirectories(directory.resolve("runner"));
            for (Map.Entry<String, String> s : scenarios.entrySet()) {
                Files.writeString(directory.resolve("scenarios").resolve(s.getKey() + ".yaml"), s.getValue());
            }
            Files.writeString(directory.resolve("runner").resolve("rbac.yaml"), runnerRbac);
            try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch(BRANCH).call()) {
                git.add().addFilepattern(".").call();
                PersonIdent who = new PersonIdent("workflow-run sandbox", "sandbox@workflow-run.invalid", Instant.now(), TimeZone.getTimeZone("UTC").toZoneId());
                RevCommit commit = git.commit().setMessage("scenarios for the sandbox").setAuthor(who).setCommitter(who).setSign(false).call();
                return new ScenarioRepository(directory, commit.getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's scenario repository at " + directory, e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit the sandbox's scenario repository at " + directory + ": " + e.getMessage(), e);
        }
    }

    /** What {@code --scenario-repo} would be. */
    public String url() {
        return directory.toUri().toString();
    }

    public String ref() {
        return "refs/heads/" + BRANCH;
    }
}
