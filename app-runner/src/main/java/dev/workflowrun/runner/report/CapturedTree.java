package dev.workflowrun.runner.report;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The captured {@code workflow-tree.yaml}, read back: the Workflow's start and end, and each node with
 * the times a real API server keeps (a node's {@code spec.startTime} and {@code spec.deadline}, its
 * pods' container {@code startedAt}/{@code finishedAt}, the end the capture derived from them), its
 * conditions' reasons and its pods' exit codes. Conditions carry no times and none are invented.
 */
record CapturedTree(Optional<Instant> startTime, Optional<Instant> endTime, List<Node> nodes) {

    static final String FILE = "workflow-tree.yaml";
    static final CapturedTree EMPTY = new CapturedTree(Optional.empty(), Optional.empty(), List.of());

    private static final YAMLMapper YAML = new YAMLMapper();

    CapturedTree {
        nodes = List.copyOf(nodes);
    }

    record Node(String name, String template, String type, int depth, Optional<Instant> startTime, Optional<Instant> endTime,
                Optional<Instant> deadline, List<Condition> conditions, List<Pod> pods) {

        Node {
            conditions = List.copyOf(conditions);
            pods = List.copyOf(pods);
        }

        boolean isTask() {
            return "Task".equals(type);
        }

        Optional<Condition> condition(String type) {
            return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
        }

        /** The controller's own deadline fired on this node (not {@code NodeDeadlineOmitted}, which is a deadline passed after the end). */
        boolean deadlineExceeded() {
            return condition("DeadlineExceed").filter(c -> c.status().equals("True") && c.reason().equals("NodeDeadlineExceed")).isPresent();
        }

        boolean aborted() {
            return condition("Aborted").filter(c -> c.status().equals("True")).isPresent();
        }

        /** The pod that ran last (a re-created pod comes after the one it replaced). */
        Optional<Pod> lastPod() {
            return pods.isEmpty() ? Optional.empty() : Optional.of(pods.get(pods.size() - 1));
        }
    }

    record Condition(String type, String status, String reason) {
    }

    record Pod(String name, String phase, String reason, List<Container> containers) {

        Pod {
            containers = List.copyOf(containers);
        }

        /** The container that decides: the first that exited non-zero, else the first. */
        Optional<Container> mainContainer() {
            return containers.stream().filter(c -> c.exitCode().filter(code -> code != 0).isPresent()).findFirst()
                    .or(() -> containers.stream().findFirst());
        }
    }

    record Container(String name, String image, String state, Optional<Integer> exitCode, String reason, String message,
                     Optional<Instant> startedAt, Optional<Instant> finishedAt, String logNote) {
    }

    /** Reads the tree; text that is not the capture's shape gives an empty tree, never an exception. */
    static CapturedTree read(String yaml) {
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (JacksonException e) {
            return EMPTY;
        }
        if (doc == null || !doc.isObject()) {
            return EMPTY;
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : doc.path("nodes")) {
            collect(n, 0, nodes);
        }
        return new CapturedTree(time(doc.path("startTime")), time(doc.path("endTime")), nodes);
    }

    private static void collect(JsonNode n, int depth, List<Node> into) {
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode c : n.path("conditions")) {
            conditions.add(new Condition(c.path("type").asString(""), c.path("status").asString(""), c.path("reason").asString("")));
        }
        List<Pod> pods = new ArrayList<>();
        for (JsonNode p : n.path("pods")) {
            pods.add(pod(p));
        }
        into.add(new Node(n.path("name").asString(""), n.path("template").asString(""), n.path("type").asString(""), depth,
                time(n.path("startTime")), time(n.path("endTime")), time(n.path("deadline")), conditions, pods));
        for (JsonNode child : n.path("children")) {
            collect(child, depth + 1, into);
        }
    }

    private static Pod pod(JsonNode p) {
        List<Container> containers = new ArrayList<>();
        for (JsonNode c : p.path("containers")) {
            JsonNode exit = c.path("exitCode");
            containers.add(new Container(c.path("name").asString(""), c.path("image").asString(""), c.path("state").asString(""),
                    exit.isNumber() ? Optional.of(exit.asInt()) : Optional.empty(), c.path("reason").asString(""),
                    c.path("message").asString(""), time(c.path("startedAt")), time(c.path("finishedAt")), c.path("log").asString("")));
        }
        return new Pod(p.path("name").asString(""), p.path("phase").asString(""), p.path("reason").asString(""), containers);
    }

    private static Optional<Instant> time(JsonNode value) {
        if (!value.isString()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.asString()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
