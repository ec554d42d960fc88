package dev.workflowrun.adapters.git;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the git scenario source fetches.
 *
 * @param cacheDir where fetched repositories are kept between runs; when empty every fetch uses a
 *     temporary directory that is deleted afterwards
 * @param tokenFile a file holding an https token (the first line is used); never a token value itself
 * @param tokenEnvVariable the name of an environment variable holding an https token
 * @param timeout connect and read timeout of every network operation
 * @param maxFileBytes the largest file the source will read; a bigger one is refused as too large
 */
public record GitSourceConfig(Optional<Path> cacheDir, Optional<Path> tokenFile, Optional<String> tokenEnvVariable,
                              Duration timeout, long maxFileBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_FILE_BYTES = 1024L * 1024L;

    public GitSourceConfig {
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(tokenFile, "tokenFile");
        Objects.requireNonNull(tokenEnvVariable, "tokenEnvVariable");
        Objects.requireNonNull(timeout, "timeout");
        if (tokenFile.isPresent() && tokenEnvVariable.isPresent()) {
            throw new IllegalArgumentException("a git token was configured both as file " + tokenFile.get()
                    + " and as environment variable " + tokenEnvVariable.get() + "; choose one of them");
        }
        tokenEnvVariable.ifPresent(name -> {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                // A value that is not a variable name is most likely a token pasted by mistake: do not echo it.
                throw new IllegalArgumentException("the git token environment variable must be a variable name "
                        + "such as GIT_TOKEN, not a token value");
            }
        });
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the git timeout must be positive, got " + timeout);
        }
        if (maxFileBytes <= 0 || maxFileBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the git per-file size limit must be between 1 byte and 2 GiB, got "
                    + maxFileBytes);
        }
    }

    /** No cache, anonymous access, 30 s timeout, 1 MiB per file. */
    public static GitSourceConfig defaults() {
        return new GitSourceConfig(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT,
                DEFAULT_MAX_FILE_BYTES);
    }

    public GitSourceConfig withCacheDir(Path dir) {
        return new GitSourceConfig(Optional.of(dir), tokenFile, tokenEnvVariable, timeout, maxFileBytes);
    }

    public GitSourceConfig withTokenFile(Path file) {
        return new GitSourceConfig(cacheDir, Optional.of(file), Optional.empty(), timeout, maxFileBytes);
    }

    public GitSourceConfig withTokenEnvVariable(String name) {
        return new GitSourceConfig(cacheDir, Optional.empty(), Optional.of(name), timeout, maxFileBytes);
    }

    public GitSourceConfig withTimeout(Duration value) {
        return new GitSourceConfig(cacheDir, tokenFile, tokenEnvVariable, value, maxFileBytes);
    }

    public GitSourceConfig withMaxFileBytes(long value) {
        return new GitSourceConfig(cacheDir, tokenFile, tokenEnvVariable, timeout, value);
    }
}
