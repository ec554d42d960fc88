package dev.workflowrun.runner.deploy;

import io.fabric8.zjsonpatch.JsonPatch;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code kubectl apply -k DIR} would apply, for the subset of kustomize that deploy/ and
 * {@code survey migrate --kustomize} use: {@code resources} (files, or directories with a
 * kustomization.yaml) and {@code patches} given as RFC 6902 JSON patches with a kind and name target.
 * The patches are applied by fabric8's zjsonpatch (the one fabric8's client uses; Jackson 3), so their
 * semantics, {@code test} operations included, are a library's, not this class's. Any other
 * kustomization field is refused: a manifest using it would not be checked by what is here.
 */
final class Kustomization {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> KNOWN = Set.of("apiVersion", "kind", "resources", "patches");

    private Kustomization() {
    }

    /** The objects the kustomization in {@code dir} builds, in resource order. */
    static List<JsonNode> build(Path dir) {
        JsonNode k = read(dir.resolve("kustomization.yaml")).get(0);
        k.propertyNames().forEach(field -> {
            if (!KNOWN.contains(field)) {
                throw new IllegalArgumentException(dir + "/kustomization.yaml: field '" + field + "' is not checked by the tests");
            }
        });
        if (!k.path("kind").asString().equals("Kustomization")) {
            throw new IllegalArgumentException(dir + "/kustomization.yaml is not a Kustomization");
        }
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode resource : k.path("resources")) {
            Path path = dir.resolve(resource.asString()).normalize();
            objects.addAll(Files.isDirectory(path) ? build(path) : read(path));
        }
        for (JsonNode patch : k.path("patches")) {
            String kind = patch.path("target").path("kind").asString();
            String name = patch.path("target").path("name").asString();
            JsonNode operations = operations(dir.resolve(patch.path("path").asString()));
            if (!operations.isArray()) {
                throw new IllegalArgumentException(dir + ": " + patch.path("path").asString() + " is not a JSON patch (a list of operations)");
            }
            int matched = 0;
            for (int i = 0; i < objects.size(); i++) {
                JsonNode o = objects.get(i);
                if (o.path("kind").asString().equals(kind) && o.path("metadata").path("name").asString().equals(name)) {
                    objects.set(i, JsonPatch.apply(operations, o));
                    matched++;
                }
            }
            if (matched != 1) {
                throw new IllegalArgumentException(dir + ": the patch's target " + kind + " " + name + " matched " + matched + " objects");
            }
        }
        return objects;
    }

    /** The same objects as a multi-document YAML file, for the schema check. */
    static String yaml(List<JsonNode> objects) {
        StringBuilder out = new StringBuilder();
        for (JsonNode o : objects) {
            out.append("---\n").append(YAML.writeValueAsString(o));
        }
        return out.toString();
    }

    /** One document; a root-level list is the list (reading values would yield its elements one by one). */
    private static JsonNode operations(Path file) {
        try {
            return YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> read(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            while (values.hasNext()) {
                JsonNode node = (JsonNode) values.next();
                if (node != null && !node.isMissingNode() && !node.isNull()) {
                    docs.add(node instanceof ObjectNode obj ? obj.deepCopy() : node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }
}
