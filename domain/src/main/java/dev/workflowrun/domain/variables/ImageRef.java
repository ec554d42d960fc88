package dev.workflowrun.domain.variables;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference, {@code [registry/]repository[:tag][@sha256:digest]}, parsed once.
 *
 * <p>The grammar follows the distribution reference format: the first path component is a
 * registry when it contains a dot or a colon or is {@code localhost}.
 */
public final class ImageRef {

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");
    private static final Pattern REGISTRY = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]+)?");

    private final String text;
    private final Optional<String> registry;
    private final String repository;
    private final Optional<String> tag;
    private final Optional<String> digest;

    private ImageRef(String text, Optional<String> registry, String repository, Optional<String> tag, Optional<String> digest) {
        this.text = text;
        this.registry = registry;
        this.repository = repository;
        this.tag = tag;
        this.digest = digest;
    }

    /** Parses {@code text}, or throws {@link IllegalArgumentException} saying which part is wrong. */
    public static ImageRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an image reference is empty; expected registry/repository:tag or repository@sha256:<64 hex>");
        }
        if (text.length() > 512) {
            throw new IllegalArgumentException("an image reference is longer than 512 characters");
        }
        String rest = text;
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            String d = rest.substring(at + 1);
            if (!DIGEST.matcher(d).matches()) {
                throw new IllegalArgumentException("'" + text + "': the digest after '@' must be sha256: followed by 64 lowercase hex characters");
            }
            digest = Optional.of(d);
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int lastSlash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > lastSlash) {
            String t = rest.substring(colon + 1);
            if (!TAG.matcher(t).matches()) {
                throw new IllegalArgumentException("'" + text + "': the tag '" + t + "' must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
            }
            tag = Optional.of(t);
            rest = rest.substring(0, colon);
        }
        Optional<String> registry = Optional.empty();
        int firstSlash = rest.indexOf('/');
        if (firstSlash > 0) {
            String first = rest.substring(0, firstSlash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                if (!REGISTRY.matcher(first).matches()) {
                    throw new IllegalArgumentException("'" + text + "': the registry '" + first + "' is not a host[:port]");
                }
                registry = Optional.of(first);
                rest = rest.substring(firstSlash + 1);
            }
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': the repository name is empty");
        }
        for (String component : rest.split("/", -1)) {
            Matcher m = COMPONENT.matcher(component);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text + "': the repository path component '" + component
                        + "' must be lowercase letters, digits and single separators (. _ -)");
            }
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            // Allowed by the format (it means :latest); rules that require pinning check pinned().
        }
        return new ImageRef(text, registry, rest, tag, digest);
    }

    public Optional<String> registry() {
        return registry;
    }

    /** The repository path without the registry, e.g. {@code sei-protocol/seitask}. */
    public String repository() {
        return repository;
    }

    /** The registry and repository without tag or digest, e.g. {@code ghcr.io/sei-protocol/seitask}: what a digest is pinned to. */
    public String named() {
        return registry.map(r -> r + "/").orElse("") + repository;
    }

    /** The last path component of the repository, e.g. {@code seitask}. */
    public String name() {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }

    public Optional<String> tag() {
        return tag;
    }

    public Optional<String> digest() {
        return digest;
    }

    /** True when the image names an exact build: a digest, or a tag other than {@code latest}. */
    public boolean pinned() {
        return digest.isPresent() || tag.filter(t -> !t.equals("latest")).isPresent();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageRef other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
