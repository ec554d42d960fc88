package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.manifest.ManifestException;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdict of a Workflow from files, without a cluster: a published bundle, or what a user
 * saved with {@code kubectl get wf/NAME -o yaml > workflow.yaml} and
 * {@code kubectl get wfn,pods -l chaos-mesh.org/workflow=NAME -o yaml} (one file per kind, or both
 * kinds in one). It reads the objects into the same {@link Evidence} a live run lists and calls
 * the same {@link OutcomePolicy#verdict}: one verdict function, two callers.
 */
public final class OfflineJudge {

    static final String WORKFLOW_FILE = "workflow.yaml";
    static final String NODES_FILE = "workflownodes.yaml";
    static final String PODS_FILE = "pods.yaml";
    static final String EVENTS_FILE = "events.yaml";
    static final String RUN_FILE = "run.json";

    /** Captured objects of a long run with many pods are far larger than a scenario, but still bounded. */
    private static final int MAX_CHARS = 64 * 1024 * 1024;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** What {@code judge} prints: the engine, the Workflow, the verdict and how much was read. */
    public record Judgement(String engine, String workflow, WorkflowVerdict verdict, int nodes, int pods, Optional<String> note) {
    }

    /** A file that is missing, unreadable or not what it should hold; the message names the file and the fix. */
    public static final class UnreadableInput extends RuntimeException {
        public UnreadableInput(String message) {
            super(message);
        }
    }

    private OfflineJudge() {
    }

    public static Judgement judge(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UnreadableInput(dir + " is not a directory: give the directory that holds " + WORKFLOW_FILE + ", "
                    + NODES_FILE + " and " + PODS_FILE + " (a run bundle, or files saved with kubectl get ... -o yaml)");
        }
        List<JsonNode> workflowItems = items(dir, WORKFLOW_FILE, true);
        List<JsonNode> workflows = workflowItems.stream().filter(OfflineJudge::isWorkflow).toList();
        if (workflows.size() != 1) {
            throw new UnreadableInput(dir.resolve(WORKFLOW_FILE) + ": expected exactly one Workflow (kind: Workflow), found "
                    + workflows.size() + "; save it with: kubectl get wf/NAME -o yaml > " + WORKFLOW_FILE);
        }
        GenericKubernetesResource workflow = convert(workflows.get(0), GenericKubernetesResource.class, dir.resolve(WORKFLOW_FILE));
        OutcomePolicy policy = policyFor(workflow, dir.resolve(WORKFLOW_FILE));

        List<GenericKubernetesResource> nodes = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        boolean nodesFile = Files.exists(dir.resolve(NODES_FILE), LinkOption.NOFOLLOW_LINKS);
        boolean podsFile = Files.exists(dir.resolve(PODS_FILE), LinkOption.NOFOLLOW_LINKS);
        if (policy.readsNodes() && !nodesFile) {
            throw new UnreadableInput(dir.resolve(NODES_FILE) + " is missing: a Chaos Mesh verdict needs the WorkflowNodes; save them with: "
                    + "kubectl get wfn -l " + Resources.LABEL_WORKFLOW + "=" + workflow.getMetadata().getName() + " -o yaml > " + NODES_FILE);
        }
        if (policy.readsNodes() && !podsFile) {
            throw new UnreadableInput(dir.resolve(PODS_FILE) + " is missing: the exit codes live in the Task pods; save them with: "
                    + "kubectl get pods -l " + Resources.LABEL_WORKFLOW + "=" + workflow.getMetadata().getName() + " -o yaml > " + PODS_FILE);
        }
        for (String file : List.of(NODES_FILE, PODS_FILE)) {
            Path path = dir.resolve(file);
            for (JsonNode item : items(dir, file, false)) {
                String kind = item.path("kind").asString("");
                switch (kind) {
                    case "WorkflowNode" -> nodes.add(convert(item, GenericKubernetesResource.class, path));
                    case "Pod" -> pods.add(convert(item, Pod.class, path));
                    default -> throw new UnreadableInput(path + ": holds a " + (kind.isEmpty() ? "document without a kind" : kind)
                            + "; expected WorkflowNode or Pod objects, as kubectl get wfn,pods -o yaml prints them"
                            + (item.has("tree") || item.has("pods") ? " (this looks like the readable summary, not the raw objects)" : ""));
                }
            }
        }
        Optional<List<Event>> events = Optional.empty();
        if (Files.exists(dir.resolve(EVENTS_FILE), LinkOption.NOFOLLOW_LINKS)) {
            List<Event> read = new ArrayList<>();
            for (JsonNode item : items(dir, EVENTS_FILE, false)) {
                if ("Event".equals(item.path("kind").asString(""))) {
                    read.add(convert(item, Event.class, dir.resolve(EVENTS_FILE)));
                }
            }
            events = Optional.of(read);
        }
        String name = workflow.getMetadata().getName();
        if (!policy.isTerminal(workflow, nodes)) {
            return stoppedByRunner(dir, policy, name, nodes.size(), pods.size());
        }
        WorkflowVerdict verdict = policy.verdict(new Evidence(workflow, nodes, pods, events));
        return new Judgement(policy.name(), name, verdict, nodes.size(), pods.size(), Optional.empty());
    }

    /**
     * A Workflow that was not over when it was captured: the runner stopped it (its hard deadline
     * or a SIGTERM), and its run.json says which. Without one there is nothing to judge yet.
     */
    private static Judgement stoppedByRunner(Path dir, OutcomePolicy policy, String name, int nodes, int pods) {
        Path run = dir.resolve(RUN_FILE);
        String unfinished = "the Workflow " + name + " in " + dir.resolve(WORKFLOW_FILE) + " was not over when it was saved ("
                + (policy.readsNodes() ? "its Accomplished condition is not True and its entry node has not finished" : "no terminal status.phase") + ")";
        if (!Files.isRegularFile(run, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnreadableInput(unfinished + "; save it again once it is over, or judge a bundle that has its " + RUN_FILE);
        }
        JsonNode summary;
        try {
            summary = JsonMapper.builder().build().readTree(read(run));
        } catch (RuntimeException e) {
            throw new UnreadableInput(run + ": not valid JSON (" + e.getMessage() + ")");
        }
        String outcome = summary.path("outcome").asString("");
        if (!outcome.equals("TIMED_OUT") && !outcome.equals("INTERRUPTED")) {
            throw new UnreadableInput(unfinished + ", and " + run + " says " + (outcome.isEmpty() ? "no outcome" : outcome)
                    + ", not a stop by the runner; the files do not belong together");
        }
        Optional<String> task = Optional.of(summary.path("decidingTask").asString("")).filter(t -> !t.isEmpty());
        WorkflowVerdict verdict = new WorkflowVerdict(Outcome.valueOf(outcome), task,
                "the runner stopped the Workflow before it was over: " + summary.path("reason").asString(""));
        return new Judgement(policy.name(), name, verdict, nodes, pods, Optional.of("decided by the runner, from " + RUN_FILE));
    }

    private static boolean isWorkflow(JsonNode item) {
        return "Workflow".equals(item.path("kind").asString(""));
    }

    static OutcomePolicy policyFor(GenericKubernetesResource workflow, Path file) {
        String apiVersion = Optional.ofNullable(workflow.getApiVersion()).orElse("");
        if (apiVersion.startsWith(Resources.CHAOS_MESH_GROUP + "/")) {
            return new ChaosMeshOutcomePolicy();
        }
        if (apiVersion.startsWith("argoproj.io/") || !Resources.text(Resources.status(workflow), "phase").isEmpty()) {
            return new StatusPhaseOutcomePolicy();
        }
        throw new UnreadableInput(file + ": a Workflow of apiVersion '" + apiVersion + "' is neither Chaos Mesh (chaos-mesh.org/v1alpha1) "
                + "nor an engine with status.phase (argoproj.io/v1alpha1)");
    }

    /** The objects of a file: the items of a {@code kind: List}, or each document of a multi-document file. */
    private static List<JsonNode> items(Path dir, String file, boolean required) {
        Path path = dir.resolve(file);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (required) {
                throw new UnreadableInput(path + " is missing: save the Workflow with: kubectl get wf/NAME -o yaml > " + file);
            }
            return List.of();
        }
        String text = read(path);
        List<YamlDocuments.Document> documents;
        try {
            documents = YamlDocuments.read(text, path.toString(), MAX_CHARS);
        } catch (ManifestException e) {
            throw new UnreadableInput(e.getMessage());
        }
        List<JsonNode> items = new ArrayList<>();
        for (YamlDocuments.Document d : documents) {
            if (d.root().path("items").isArray() && d.root().path("kind").asString("").endsWith("List")) {
                d.root().path("items").forEach(items::add);
            } else if (d.root().isObject()) {
                items.add(d.root());
            } else {
                throw new UnreadableInput(path + ", " + d.label() + ": not a Kubernetes object or List");
            }
        }
        return items;
    }

    private static String read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new UnreadableInput(path + " is not a regular file");
        }
        try {
            if (Files.size(path) > MAX_CHARS) {
                throw new UnreadableInput(path + " is " + Files.size(path) + " bytes, more than the limit of " + MAX_CHARS);
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new UnreadableInput(path + " is not UTF-8 text");
        } catch (IOException e) {
            throw new UnreadableInput("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static <T> T convert(JsonNode item, Class<T> type, Path file) {
        try {
            return SERIALIZATION.convertValue(item, type);
        } catch (RuntimeException e) {
            String name = item.path("metadata").path("name").asString("?");
            throw new UnreadableInput(file + ": the " + item.path("kind").asString("object") + " " + name + " cannot be read ("
                    + e.getMessage() + ")");
        }
    }
}
