package dev.workflowrun.runner.secrets;

import dev.workflowrun.adapters.git.GitSourceConfig;
import dev.workflowrun.domain.text.Scrubber;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/**
 * The git token, read the way the git adapter reads it (the first line of --git-token-file, or the
 * variable --git-token-env names), only so that nothing the runner prints or publishes can carry it.
 */
public final class GitTokenSecret {

    private GitTokenSecret() {
    }

    public static Scrubber scrubber(GitSourceConfig config) {
        Optional<String> token = config.tokenFile().flatMap(file -> {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().map(String::strip);
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }).or(() -> config.tokenEnvVariable().map(System::getenv).map(String::strip));
        return token.filter(t -> !t.isEmpty()).map(t -> Scrubber.of(Map.of("git token", t))).orElse(Scrubber.none());
    }
}
