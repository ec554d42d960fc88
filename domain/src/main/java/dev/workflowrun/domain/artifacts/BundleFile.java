package dev.workflowrun.domain.artifacts;

import java.util.Objects;

/** One file of the run bundle: a name relative to the run's prefix, its content type, its content. */
public record BundleFile(String name, String contentType, Content content) {

    public BundleFile {
        name = BundleKeys.requireSafe(name);
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
    }

    /** The whole content, read once. */
    public byte[] bytes() {
        try (java.io.InputStream in = content.open()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read bundle file " + name + ": " + e.getMessage(), e);
        }
    }

    public static BundleFile yaml(String name, String text) {
        return new BundleFile(name, "application/yaml", Content.ofUtf8(text));
    }

    public static BundleFile json(String name, String text) {
        return new BundleFile(name, "application/json", Content.ofUtf8(text));
    }

    public static BundleFile text(String name, String text) {
        return new BundleFile(name, "text/plain; charset=utf-8", Content.ofUtf8(text));
    }
}
