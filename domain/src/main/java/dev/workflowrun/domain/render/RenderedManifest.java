package dev.workflowrun.domain.render;

import java.util.Objects;
import java.util.Set;

/** The manifest text after substitution, and which allow-listed names were substituted. */
public record RenderedManifest(String yaml, Set<String> substituted) {

    public RenderedManifest {
        Objects.requireNonNull(yaml, "yaml");
        substituted = Set.copyOf(substituted);
    }
}
