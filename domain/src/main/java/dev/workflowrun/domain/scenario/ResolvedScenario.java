package dev.workflowrun.domain.scenario;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A scenario as fetched: the commit its ref resolved to (always a full SHA, whatever the ref
 * was), the template text, the extra files fetched at the same commit, and where it came from.
 */
public record ResolvedScenario(ScenarioRef ref, String commit, String template, Map<String, String> extraFiles, String origin) {

    public ResolvedScenario {
        Objects.requireNonNull(ref, "ref");
        CommitSha.requireFull(commit);
        Objects.requireNonNull(template, "template");
        // Editors on some systems write a UTF-8 byte-order mark; it is no text, and in front of "# Placeholders" it hides the header.
        template = PlaceholderHeader.withoutByteOrderMark(template);
        extraFiles = Map.copyOf(new TreeMap<>(extraFiles));
        origin = origin == null ? ref.repository() : origin;
    }

    public Optional<String> extraFile(String path) {
        return Optional.ofNullable(extraFiles.get(path));
    }
}
