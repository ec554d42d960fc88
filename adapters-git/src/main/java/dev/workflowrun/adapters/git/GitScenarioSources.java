package dev.workflowrun.adapters.git;

import dev.workflowrun.domain.scenario.FetchScenarioPort;

import java.util.Objects;
import java.util.function.Function;

/** The one public way to get a git-backed {@link FetchScenarioPort}. */
public final class GitScenarioSources {

    private GitScenarioSources() {
    }

    /** A scenario source reading tokens, when configured, from the process environment. */
    public static FetchScenarioPort create(GitSourceConfig config) {
        return create(config, System::getenv);
    }

    /**
     * A scenario source with an explicit environment lookup (tests pass a map's {@code get}).
     * The lookup returns null for an unset variable.
     */
    public static FetchScenarioPort create(GitSourceConfig config, Function<String, String> env) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(env, "env");
        return new JGitScenarioSource(config, new TokenSource(config, env));
    }
}
