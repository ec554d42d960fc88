package dev.workflowrun.survey.migrate;

import dev.workflowrun.survey.scenario.ScenarioDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code survey migrate --kustomize}: deploy/'s kustomize base (packed into the jar, so the two cannot drift) and,
 * per scenario, an overlay whose JSON patch (RFC 6902) turns the base's CronJob into the scenario's typed CronJob.
 * The patch is made field by field: objects are descended into, a list of named objects (containers) element by
 * element when the names line up, anything else (args, env, volumes) replaced whole. A person can read it, which
 * an element-by-element list diff is not. Two things stay the base's: its ServiceAccount, whose Role grants exactly
 * the runner's calls (the wrapper's account had kubectl's), and so the service account name is not patched.
 */
public final class KustomizeOverlay {

    public static final String PATCH = "cronjob-patch.yaml";
    public static final String KUSTOMIZATION = "kustomization.yaml";
    /** deploy/base's files, in the order its kustomization lists them. */
    public static final List<String> BASE_FILES = List.of(KUSTOMIZATION, "serviceaccount.yaml", "rbac.yaml", "cronjob.yaml");
    static final String BASE_RESOURCES = "/dev/workflowrun/survey/migrate/base/";
    private static final String SERVICE_ACCOUNT = "/spec/jobTemplate/spec/template/spec/serviceAccountName";

    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES).enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR).build();

    private KustomizeOverlay() {
    }

    /** base/&lt;file&gt; → content: deploy/base as it was built into this jar. */
    public static Map<String, String> base() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String f : BASE_FILES) {
            files.put(f, resource(BASE_RESOURCES + f));
        }
        return files;
    }

    /** The overlay's two files for one scenario: kustomization.yaml and the CronJob's patch. */
    public static Map<String, String> overlay(ScenarioDir dir, String runnerImage) {
        JsonNode base = YAML.readTree(resource(BASE_RESOURCES + "cronjob.yaml"));
        JsonNode typed = YAML.readTree(CronJobMigrator.migrate(dir, runnerImage));
        ArrayNode ops = YAML.createArrayNode();
        diff("", base, typed, ops);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(KUSTOMIZATION, "# " + dir.name() + ": deploy/'s base with the typed CronJob `survey migrate` made from the scenario's cronjob.yaml\n"
                + "# and wrapper.sh. The base's ServiceAccount and Role replace the wrapper's account.\n"
                + "#   kubectl apply -k overlays/" + dir.name() + "\n"
                + "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\npatches:\n"
                + "  - path: " + PATCH + "\n    target:\n      kind: CronJob\n      name: " + base.path("metadata").path("name").asString() + "\n");
        files.put(PATCH, "# JSON patch (RFC 6902) of the base CronJob into " + dir.name() + "'s typed CronJob.\n" + YAML.writeValueAsString(ops));
        return files;
    }

    /** Appends to {@code ops} what turns {@code from} into {@code to} at {@code path}. */
    static void diff(String path, JsonNode from, JsonNode to, ArrayNode ops) {
        if (path.equals(SERVICE_ACCOUNT) || from.equals(to)) {
            return;
        }
        if (from.isObject() && to.isObject()) {
            List<String> removed = new ArrayList<>();
            from.propertyNames().forEach(k -> {
                if (!to.has(k)) {
                    removed.add(k);
                }
            });
            for (String k : removed) {
                if (!(path + "/" + pointer(k)).equals(SERVICE_ACCOUNT)) {
                    op(ops, "remove", path + "/" + pointer(k), null);
                }
            }
            to.propertyNames().forEach(k -> {
                if (from.has(k)) {
                    diff(path + "/" + pointer(k), from.get(k), to.get(k), ops);
                } else if (!(path + "/" + pointer(k)).equals(SERVICE_ACCOUNT)) {
                    op(ops, "add", path + "/" + pointer(k), to.get(k));
                }
            });
            return;
        }
        if (sameNamedElements(from, to)) {
            for (int i = 0; i < from.size(); i++) {
                diff(path + "/" + i, from.get(i), to.get(i), ops);
            }
            return;
        }
        op(ops, "replace", path, to);
    }

    /** Two lists of objects with the same names in the same order (containers, say): patched element by element. */
    private static boolean sameNamedElements(JsonNode a, JsonNode b) {
        if (!a.isArray() || !b.isArray() || a.size() != b.size() || a.isEmpty()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            JsonNode x = a.get(i);
            JsonNode y = b.get(i);
            if (!x.isObject() || !y.isObject() || !x.has("name") || !x.path("name").equals(y.path("name"))) {
                return false;
            }
        }
        return true;
    }

    private static void op(ArrayNode ops, String op, String path, JsonNode value) {
        ObjectNode o = ops.addObject();
        o.put("op", op);
        o.put("path", path);
        if (value != null) {
            o.set("value", value.deepCopy());
        }
    }

    /** RFC 6901: "~" is "~0" and "/" is "~1" in a pointer's segment. */
    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String resource(String name) {
        try (InputStream in = KustomizeOverlay.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath; the build packs deploy/base there");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
