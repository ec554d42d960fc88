package dev.workflowrun.runner.flags;

import dev.workflowrun.adapters.git.GitSourceConfig;

/** Turns the git flags of {@link ScenarioOptions} into the adapter's configuration. */
public final class GitFlags {

    private GitFlags() {
    }

    public static GitSourceConfig config(ScenarioOptions options) {
        try {
            GitSourceConfig config = GitSourceConfig.defaults().withTimeout(options.gitTimeout());
            if (options.gitCacheDir().isPresent()) {
                config = config.withCacheDir(options.gitCacheDir().get());
            }
            if (options.gitTokenFile().isPresent() && options.gitTokenEnv().isPresent()) {
                throw new UsageException("--git-token-file and --git-token-env both name a token; pass one of them");
            }
            if (options.gitTokenFile().isPresent()) {
                config = config.withTokenFile(options.gitTokenFile().get());
            }
            if (options.gitTokenEnv().isPresent()) {
                config = config.withTokenEnvVariable(options.gitTokenEnv().get());
            }
            return config;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
