package dev.workflowrun.domain.history;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code run.json} in the store: its key ({@code .../<scenario>/<run id>/attempt-<n>/run.json}) and
 * when it was written, as the listing says (the order of runs before any file is read).
 */
public record StoredSummary(String key, Instant lastModified) {

    public static final String FILE = "run.json";

    public StoredSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(lastModified, "lastModified");
    }

    /** Where this attempt sits: the run's key prefix, its scenario and run id (the two segments above the attempt) and its number. */
    public Optional<Place> place() {
        String[] segments = key.split("/");
        if (segments.length < 4 || !segments[segments.length - 1].equals(FILE)) {
            return Optional.empty();
        }
        Optional<Integer> attempt = dev.workflowrun.domain.artifacts.Attempt.numberOf(segments[segments.length - 2]);
        if (attempt.isEmpty()) {
            return Optional.empty();
        }
        String run = key.substring(0, key.length() - FILE.length() - segments[segments.length - 2].length() - 1);
        return Optional.of(new Place(run, segments[segments.length - 4], segments[segments.length - 3], attempt.get()));
    }

    public record Place(String runPrefix, String scenario, String runId, int attempt) {
    }
}
