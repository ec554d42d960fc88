package dev.workflowrun.runner.verify;

import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.domain.manifest.ManifestException;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code workflow-run} containers in deployment manifests (CronJobs, Jobs, Pods; many
 * documents per file, as kustomize writes them) and reads their arguments the way the container
 * would see them: command and args, with Kubernetes' {@code $(VAR)} references expanded from the
 * container's literal env values.
 */
public final class CronJobInvocations {

    /** One container found: where, its pod's namespace, the arguments after {@code workflow-run}, and what could not be read. */
    public record Found(String origin, String namespace, List<String> args, List<String> images, List<String> unreadable) {
    }

    /** A line that starts a new document; YAML allows no such line inside a scalar, so splitting on it is exact. */
    private static final Pattern DOCUMENT_START = Pattern.compile("(?m)^---(?=[ \t]|$)");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    private CronJobInvocations() {
    }

    static List<Found> read(Path file, String text) {
        List<Found> found = new ArrayList<>();
        read(file, text, found::add);
        return found;
    }

    /**
     * Hands each container found to {@code found} as its document is read, so no list of every CronJob is kept. Each
     * document goes through the Kubernetes adapter's hardened YAML reader (aliases replayed and bounded), one at a time.
     */
    public static void read(Path file, String text, Consumer<Found> found) {
        int document = 0;
        for (String piece : DOCUMENT_START.split(text, -1)) {
            if (piece.isBlank()) {
                continue;
            }
            document++;
            List<JsonNode> roots;
            try {
                roots = KubernetesAdapters.yamlDocuments(piece, file + ", document " + document);
            } catch (ManifestException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            for (JsonNode doc : roots) {
                containers(file, document, doc, found);
            }
        }
    }

    private static void containers(Path file, int document, JsonNode doc, Consumer<Found> found) {
        if (doc == null || !doc.isObject()) {
            return;
        }
        String kind = doc.path("kind").asString("");
        JsonNode podSpec = switch (kind) {
            case "CronJob" -> doc.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
            case "Job", "Deployment", "StatefulSet", "DaemonSet" -> doc.path("spec").path("template").path("spec");
            case "Pod" -> doc.path("spec");
            default -> null;
        };
        if (podSpec == null) {
            return;
        }
        String name = doc.path("metadata").path("name").asString("document-" + document);
        String namespace = doc.path("metadata").path("namespace").asString("default");
        List<String> images = new ArrayList<>();
        for (String list : List.of("initContainers", "containers")) {
            podSpec.path(list).forEach(c -> images.add(c.path("image").asString("")));
        }
        for (JsonNode container : podSpec.path("containers")) {
            invocation(container).ifPresent(args -> {
                List<String> unreadable = new ArrayList<>();
                List<String> expanded = expand(args, env(container, unreadable), unreadable);
                found.accept(new Found(file + "#" + name, namespace, expanded, images, unreadable));
            });
        }
    }

    /** The arguments after the {@code workflow-run} program (or the whole args when the image's entrypoint is it). */
    private static Optional<List<String>> invocation(JsonNode container) {
        List<String> argv = new ArrayList<>();
        container.path("command").forEach(n -> argv.add(n.asString()));
        container.path("args").forEach(n -> argv.add(n.asString()));
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).endsWith("workflow-run") || argv.get(i).endsWith("workflow-run.jar")) {
                return Optional.of(List.copyOf(argv.subList(i + 1, argv.size())));
            }
        }
        boolean runnerImage = container.path("image").asString("").contains("workflow-run");
        boolean scenarioFlag = argv.stream().anyMatch(a -> a.startsWith("--scenario=") || a.equals("--scenario"));
        return runnerImage && scenarioFlag ? Optional.of(List.copyOf(argv)) : Optional.empty();
    }

    private static Map<String, Optional<String>> env(JsonNode container, List<String> unreadable) {
        Map<String, Optional<String>> env = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asString();
            if (e.has("value")) {
                env.put(name, Optional.of(e.path("value").asString()));
            } else {
                env.put(name, Optional.empty());
            }
        }
        if (!container.path("envFrom").isEmpty()) {
            unreadable.add("envFrom of the container");
        }
        return env;
    }

    /** Kubernetes' expansion: {@code $(VAR)} from the env when defined, {@code $$} is a literal '$', anything else stays. */
    static List<String> expand(List<String> args, Map<String, Optional<String>> env, List<String> unreadable) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            Matcher m = REFERENCE.matcher(arg);
            StringBuilder sb = new StringBuilder();
            boolean readable = true;
            while (m.find()) {
                if (m.group().equals("$$")) {
                    m.appendReplacement(sb, "\\$");
                    continue;
                }
                Optional<String> value = env.getOrDefault(m.group(1), null);
                if (value != null && value.isPresent()) {
                    m.appendReplacement(sb, Matcher.quoteReplacement(value.get()));
                } else {
                    readable = false;
                    unreadable.add("env " + m.group(1) + (value == null ? " (not defined)" : " (from a Secret or ConfigMap)"));
                    m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                }
            }
            m.appendTail(sb);
            boolean separateVarValue = !out.isEmpty() && out.get(out.size() - 1).equals("--var");
            if (readable) {
                out.add(sb.toString());
            } else if (separateVarValue) {
                out.remove(out.size() - 1); // a --var whose value is only known at run time
            } else if (!arg.startsWith("--var=")) {
                out.add(sb.toString());
            }
        }
        return out;
    }
}
