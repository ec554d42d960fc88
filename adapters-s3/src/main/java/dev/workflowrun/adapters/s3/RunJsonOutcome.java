package dev.workflowrun.adapters.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The outcome an earlier attempt's {@code run.json} states (the runner writes it; only that one field is read). */
final class RunJsonOutcome {

    private static final Pattern OUTCOME = Pattern.compile("\"outcome\"\\s*:\\s*\"([A-Z_]{1,32})\"");
    private static final int MAX_BYTES = 1024 * 1024;

    private RunJsonOutcome() {
    }

    static Optional<String> of(String runJson) {
        Matcher m = OUTCOME.matcher(runJson);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static Optional<String> of(Path runJson) {
        try {
            if (!Files.isRegularFile(runJson, LinkOption.NOFOLLOW_LINKS) || Files.size(runJson) > MAX_BYTES) {
                return Optional.empty();
            }
            return of(Files.readString(runJson, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
