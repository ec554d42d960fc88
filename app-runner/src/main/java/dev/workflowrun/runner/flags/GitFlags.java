package dev.workflowrun.runner.flags;

import dev.workflowrun.adapters.git.GitSourceConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How scenario repositories are fetched: the git flags {@code run}, {@code render} and {@code verify} share. */
public final class GitFlags {

    @Option(names = "--git-token-file", paramLabel = "<file>", order = 20,
            description = "File holding the https token for the scenario repository (first line). Never pass a token itself.")
    Optional<Path> gitTokenFile;

    @Option(names = "--git-token-env", paramLabel = "<VARIABLE>", order = 21,
            description = "Name of the environment variable holding the https token for the scenario repository.")
    Optional<String> gitTokenEnv;

    @Option(names = "--git-cache-dir", paramLabel = "<dir>", order = 22,
            description = "Keep fetched repositories here between runs. Default: a temporary directory per run.")
    Optional<Path> gitCacheDir;

    @Option(names = "--git-timeout", paramLabel = "<duration>", order = 23, defaultValue = "30s", converter = Converters.GoDurationConverter.class,
            description = "Connect and read timeout of each git operation. Default: ${DEFAULT-VALUE}.")
    Duration gitTimeout;

    /** The adapter's configuration; both token flags given is a usage error naming both. */
    public GitSourceConfig config() {
        try {
            GitSourceConfig config = GitSourceConfig.defaults().withTimeout(gitTimeout == null ? GitSourceConfig.defaults().timeout() : gitTimeout);
            if (gitCacheDir != null && gitCacheDir.isPresent()) {
                config = config.withCacheDir(gitCacheDir.get());
            }
            Optional<Path> tokenFile = gitTokenFile == null ? Optional.empty() : gitTokenFile;
            Optional<String> tokenEnv = gitTokenEnv == null ? Optional.empty() : gitTokenEnv;
            if (tokenFile.isPresent() && tokenEnv.isPresent()) {
                throw new UsageException("--git-token-file and --git-token-env both name a token; pass one of them");
            }
            if (tokenFile.isPresent()) {
                config = config.withTokenFile(tokenFile.get());
            }
            if (tokenEnv.isPresent()) {
                config = config.withTokenEnvVariable(tokenEnv.get());
            }
            return config;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public static GitSourceConfig config(ScenarioOptions options) {
        return options.git().config();
    }
}
