package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.manifest.ManifestException;
import dev.workflowrun.domain.manifest.ManifestObject;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.manifest.WorkflowSpec;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.variables.GoDuration;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a rendered manifest (one or more YAML documents) as data, with the same Jackson 3 YAML
 * stack fabric8 uses, behind the limits of {@link YamlDocuments}. Errors name the document and
 * the field, e.g. {@code document 2 (Workflow release-test-r1): spec.templates[3].deadline: ...}.
 */
final class Fabric8ManifestReader implements ReadManifestPort {

    @Override
    public ParsedManifest read(String yaml) {
        List<ManifestObject> objects = new ArrayList<>();
        List<JsonNode> workflowRoots = new ArrayList<>();
        List<String> workflowLabels = new ArrayList<>();
        for (YamlDocuments.Document doc : YamlDocuments.read(yaml, "the manifest")) {
            Fields f = new Fields(doc.label());
            JsonNode root = doc.root();
            if (!root.isObject()) {
                throw new ManifestException(doc.label() + ": expected a Kubernetes object (a mapping with apiVersion, kind and metadata), found "
                        + describe(root));
            }
            String apiVersion = f.requiredText(root, "apiVersion");
            String kind = f.requiredText(root, "kind");
            String name = f.requiredText(root, "metadata.name");
            Fields named = new Fields(doc.label() + " (" + kind + " " + name + ")");
            Optional<String> namespace = named.optionalText(root, "metadata.namespace");
            Map<String, String> labels = named.stringMap(root, "metadata.labels");
            ManifestObject object = new ManifestObject(apiVersion, kind, name, namespace, labels);
            objects.add(object);
            if (kind.equals("Workflow")) {
                workflowRoots.add(root);
                workflowLabels.add(named.where);
            }
        }
        List<ManifestObject> workflows = objects.stream().filter(o -> o.kind().equals("Workflow")).toList();
        if (workflows.size() > 1) {
            throw new ManifestException("the manifest holds " + workflows.size() + " Workflows ("
                    + String.join(", ", workflowLabels) + "); a scenario must contain exactly one, so a run owns one Workflow");
        }
        Optional<ManifestObject> workflow = workflows.stream().findFirst();
        Optional<WorkflowSpec> spec = workflow.filter(ManifestObject::isChaosMeshWorkflow)
                .map(w -> chaosMeshSpec(workflowRoots.get(0), new Fields(workflowLabels.get(0))));
        return new ParsedManifest(objects, workflow, spec);
    }

    private static WorkflowSpec chaosMeshSpec(JsonNode root, Fields f) {
        String entry = f.requiredText(root, "spec.entry");
        JsonNode templates = f.requiredArray(root, "spec.templates");
        List<WorkflowTemplate> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < templates.size(); i++) {
            String at = "spec.templates[" + i + "]";
            JsonNode t = templates.get(i);
            if (!t.isObject()) {
                throw f.error(at, "expected a template (a mapping with name and templateType), found " + describe(t));
            }
            String name = f.requiredText(t, at, "name");
            if (!names.add(name)) {
                throw f.error(at + ".name", "the template name '" + name + "' is used twice; template names must be unique");
            }
            String type = f.requiredText(t, at, "templateType");
            Optional<Duration> deadline = f.optionalText(t, at, "deadline").map(d -> {
                try {
                    return GoDuration.parse(d);
                } catch (IllegalArgumentException e) {
                    throw f.error(at + ".deadline", e.getMessage());
                }
            });
            List<String> children = f.stringList(t, at, "children");
            List<String> images = new ArrayList<>();
            List<String> configMaps = new ArrayList<>();
            String script = "";
            Optional<String> containerName = Optional.empty();
            JsonNode container = t.path("task").path("container");
            if (!container.isMissingNode() && !container.isNull()) {
                String c = at + ".task.container";
                containerName = f.optionalText(container, c, "name");
                f.optionalText(container, c, "image").ifPresent(images::add);
                JsonNode envFrom = container.path("envFrom");
                if (!envFrom.isMissingNode() && !envFrom.isNull()) {
                    if (!envFrom.isArray()) {
                        throw f.error(c + ".envFrom", "expected a list, found " + describe(envFrom));
                    }
                    for (int j = 0; j < envFrom.size(); j++) {
                        f.optionalText(envFrom.get(j), c + ".envFrom[" + j + "]", "configMapRef.name").ifPresent(configMaps::add);
                    }
                }
                List<String> commandAndArgs = new ArrayList<>(f.stringList(container, c, "command"));
                commandAndArgs.addAll(f.stringList(container, c, "args"));
                // One element per line: the shell script in `args` keeps its own lines, so lint can parse it.
                script = String.join("\n", commandAndArgs);
            }
            result.add(new WorkflowTemplate(name, type, deadline, children, images, configMaps, script, containerName));
        }
        if (!names.contains(entry)) {
            throw f.error("spec.entry", "names the template '" + entry + "', which is not among spec.templates ("
                    + String.join(", ", new TreeSet<>(names)) + ")");
        }
        for (int i = 0; i < result.size(); i++) {
            for (String child : result.get(i).children()) {
                if (!names.contains(child)) {
                    throw f.error("spec.templates[" + i + "].children", "names the template '" + child + "', which is not defined");
                }
            }
        }
        return new WorkflowSpec(entry, result);
    }

    @Override
    public List<String> dataDifferences(String expectedYaml, String actualYaml) {
        List<YamlDocuments.Document> expected = YamlDocuments.read(expectedYaml, "the expected YAML");
        List<YamlDocuments.Document> actual = YamlDocuments.read(actualYaml, "the actual YAML");
        List<String> lines = new ArrayList<>();
        int n = Math.max(expected.size(), actual.size());
        boolean many = n > 1;
        for (int i = 0; i < n; i++) {
            String prefix = many ? "[" + (i + 1) + "]" : "";
            JsonNode e = i < expected.size() ? expected.get(i).root() : null;
            JsonNode a = i < actual.size() ? actual.get(i).root() : null;
            DataDiff.compare(prefix, e, a, lines);
        }
        return List.copyOf(lines);
    }

    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "the " + (node.isString() ? "text" : "value") + " '" + abbreviate(node.asString()) + "'";
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Field access that names the document and the dotted path in every error. */
    static final class Fields {
        final String where;

        Fields(String where) {
            this.where = where;
        }

        ManifestException error(String path, String message) {
            return new ManifestException(where + ": " + path + ": " + message);
        }

        private static JsonNode at(JsonNode node, String dotted) {
            JsonNode n = node;
            for (String part : dotted.split("\\.")) {
                n = n.path(part);
            }
            return n;
        }

        private static String join(String base, String field) {
            return base.isEmpty() ? field : base + "." + field;
        }

        String requiredText(JsonNode node, String path) {
            return requiredText(node, "", path);
        }

        String requiredText(JsonNode node, String base, String field) {
            JsonNode v = at(node, field);
            String path = join(base, field);
            if (v.isMissingNode() || v.isNull()) {
                throw error(path, "is missing; it is required");
            }
            if (!v.isValueNode() || v.isObject() || v.isArray()) {
                throw error(path, "expected text, found " + describe(v));
            }
            String s = v.asString();
            if (s.isBlank()) {
                throw error(path, "is empty; it is required");
            }
            return s;
        }

        Optional<String> optionalText(JsonNode node, String path) {
            return optionalText(node, "", path);
        }

        Optional<String> optionalText(JsonNode node, String base, String field) {
            JsonNode v = at(node, field);
            if (v.isMissingNode() || v.isNull()) {
                return Optional.empty();
            }
            if (v.isObject() || v.isArray()) {
                throw error(join(base, field), "expected text, found " + describe(v));
            }
            return Optional.of(v.asString());
        }

        JsonNode requiredArray(JsonNode node, String path) {
            JsonNode v = at(node, path);
            if (v.isMissingNode() || v.isNull()) {
                throw error(path, "is missing; it is required");
            }
            if (!v.isArray()) {
                throw error(path, "expected a list, found " + describe(v));
            }
            return v;
        }

        List<String> stringList(JsonNode node, String base, String field) {
            JsonNode v = at(node, field);
            String path = join(base, field);
            if (v.isMissingNode() || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw error(path, "expected a list of text, found " + describe(v));
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (item.isObject() || item.isArray() || item.isNull()) {
                    throw error(path + "[" + i + "]", "expected text, found " + describe(item));
                }
                out.add(item.asString());
            }
            return out;
        }

        Map<String, String> stringMap(JsonNode node, String path) {
            JsonNode v = at(node, path);
            if (v.isMissingNode() || v.isNull()) {
                return Map.of();
            }
            if (!v.isObject()) {
                throw error(path, "expected a mapping of text to text, found " + describe(v));
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (e.getValue().isObject() || e.getValue().isArray() || e.getValue().isNull()) {
                    throw error(path + "." + e.getKey(), "expected text, found " + describe(e.getValue()));
                }
                out.put(e.getKey(), e.getValue().asString());
            }
            return out;
        }
    }
}
