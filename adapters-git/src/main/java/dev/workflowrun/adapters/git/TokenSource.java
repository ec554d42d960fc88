package dev.workflowrun.adapters.git;

import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.scenario.ScenarioFetchException.Reason;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the https token comes from: a file or a named environment variable, never a value given
 * on a command line (it would show in process listings and shell history). Read on every fetch
 * so a rotated token file is picked up. Messages name the file or variable, never the content.
 */
final class TokenSource {

    private static final long MAX_TOKEN_FILE_BYTES = 64 * 1024;

    private final GitSourceConfig config;
    private final Function<String, String> env;

    TokenSource(GitSourceConfig config, Function<String, String> env) {
        this.config = config;
        this.env = env;
    }

    /** The token, or empty for anonymous access. */
    Optional<String> token() {
        if (config.tokenFile().isPresent()) {
            return Optional.of(fromFile(config.tokenFile().get()));
        }
        if (config.tokenEnvVariable().isPresent()) {
            return Optional.of(fromEnv(config.tokenEnvVariable().get()));
        }
        return Optional.empty();
    }

    private static String fromFile(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new ScenarioFetchException(Reason.AUTHENTICATION, "the git token file " + file
                        + " does not exist or is not a regular file; create it (one line holding the token) or drop the option for anonymous access");
            }
            if (Files.size(file) > MAX_TOKEN_FILE_BYTES) {
                throw new ScenarioFetchException(Reason.AUTHENTICATION, "the git token file " + file
                        + " is larger than 64 KiB; it must hold just the token on its first line");
            }
            String firstLine = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            if (firstLine.isEmpty()) {
                throw new ScenarioFetchException(Reason.AUTHENTICATION, "the git token file " + file
                        + " is empty; write the token on its first line");
            }
            return firstLine;
        } catch (IOException e) {
            // The exception text of a read failure names the file, not its content.
            throw new ScenarioFetchException(Reason.AUTHENTICATION, "cannot read the git token file " + file + ": "
                    + e.getClass().getSimpleName() + "; check that it exists and is readable by this process");
        }
    }

    private String fromEnv(String name) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw new ScenarioFetchException(Reason.AUTHENTICATION, "the git token environment variable " + name
                    + " is not set or empty; set it to the token, or drop the option for anonymous access");
        }
        return value.strip();
    }
}
