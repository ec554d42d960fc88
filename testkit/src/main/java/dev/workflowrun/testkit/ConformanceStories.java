package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Runs of a Workflow whose end the real Chaos Mesh controller determines, each with the final
 * conditions of every node ({@code type=status/reason}) and what its Task pods came to. The
 * testkit's own tests hold the simulator to them; other modules replay them through the simulator
 * and judge the objects they capture, so the verdict and the simulator agree on the same statuses.
 *
 * <p>Replaying a story:
 * <pre>{@code
 * Story story = ConformanceStories.byName("late-task-failure");
 * try (MockCluster cluster = MockCluster.start();
 *      SimulatedChaosMesh sim = story.simulator(cluster).start()) {
 *     String wf = story.workflowName("r1");
 *     cluster.client().resource(story.manifest("ns", "r1")).inNamespace("ns").create();   // or the runner's apply
 *     story.act(sim, cluster.client(), "ns", wf);                                            // its timed actions, if any
 *     List<String> mismatches = story.awaitSettled(cluster.client(), sim, "ns", wf, Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Every story runs its Workflow past every deadline in it, so {@code NodeDeadlineOmitted} and
 * late Accomplished conditions are part of the expected end.
 */
public final class ConformanceStories {

    /** Simulated seconds per real second for every story: the longest (about 65 simulated minutes) takes about a second. */
    public static final double SPEED = 3600;

    private ConformanceStories() {
    }

    /** The final conditions of the node of one template, exactly (no more, no fewer), as {@code Type=Status/Reason}. */
    public record NodeEnd(String template, Set<String> conditions) {
        public NodeEnd {
            conditions = Set.copyOf(conditions);
        }
    }

    /** What {@code pods[0]} of a Task ended as, and how many pods the controller created for it. */
    public record PodEnd(String template, String phase, Optional<Integer> exitCode, Optional<String> reason, int podsCreated) {
    }

    /** Something done to the cluster at a simulated time after the Workflow was applied. */
    public record Action(Duration at, String what, ActionBody body) {
    }

    /** The body of an {@link Action}. */
    @FunctionalInterface
    public interface ActionBody {
        void run(KubernetesClient client, String namespace, String workflow);
    }

    /**
     * One story.
     *
     * @param name      short name, also the Workflow name's prefix
     * @param follows   the controller files whose behaviour it shows
     * @param workflow  the Workflow manifest, {@code $NAMESPACE} and {@code $NAME} still to fill in
     * @param scripts   what its Tasks, checks and chaos do
     * @param actions   timed actions (annotate, delete a pod), in simulated time after apply
     * @param nodes     every node's final conditions; a template without an entry here must have no node
     * @param pods      the Task pods' ends
     */
    public record Story(String name, String follows, String workflow, UnaryOperator<SimulatedChaosMesh.Builder> scripts,
                        List<Action> actions, List<NodeEnd> nodes, List<PodEnd> pods) {

        public Story {
            actions = List.copyOf(actions);
            nodes = List.copyOf(nodes);
            pods = List.copyOf(pods);
        }

        /** The Workflow's name for a run id. */
        public String workflowName(String runId) {
            return name + "-" + runId;
        }

        /** The manifest to apply. */
        public String manifest(String namespace, String runId) {
            return workflow.replace("$NAMESPACE", namespace).replace("$NAME", workflowName(runId));
        }

        /** A simulator for this story at {@link #SPEED}, not started yet. */
        public SimulatedChaosMesh.Builder simulator(MockCluster cluster) {
            return scripts.apply(SimulatedChaosMesh.builder(cluster).speed(SPEED));
        }

        /** Schedules the story's actions, counted in simulated time from when the controller starts the Workflow. */
        public void act(SimulatedChaosMesh sim, KubernetesClient client, String namespace, String workflow) {
            for (Action a : actions) {
                sim.scheduleForWorkflow(namespace, workflow, a.at(), () -> a.body().run(client, namespace, workflow));
            }
        }

        /** How the cluster differs from the story's end now; empty when it matches. */
        public List<String> mismatches(KubernetesClient client, SimulatedChaosMesh sim, String namespace, String workflow) {
            List<String> out = new ArrayList<>();
            Map<String, List<GenericKubernetesResource>> byTemplate = client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE)
                    .inNamespace(namespace).withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems().stream()
                    .collect(Collectors.groupingBy(ConformanceStories::template, LinkedHashMap::new, Collectors.toList()));
            Set<String> expected = nodes.stream().map(NodeEnd::template).collect(Collectors.toSet());
            byTemplate.keySet().stream().filter(t -> !expected.contains(t)).forEach(t -> out.add("unexpected node for template " + t));
            for (NodeEnd end : nodes) {
                List<GenericKubernetesResource> found = byTemplate.getOrDefault(end.template(), List.of());
                if (found.size() != 1) {
                    out.add(end.template() + ": " + found.size() + " nodes, expected 1");
                    continue;
                }
                Set<String> actual = conditionsOf(found.get(0));
                if (!actual.equals(end.conditions())) {
                    out.add(end.template() + ": conditions " + new TreeSet<>(actual) + ", expected " + new TreeSet<>(end.conditions()));
                }
            }
            for (PodEnd end : pods) {
                int created = sim.podsCreated(namespace, workflow, end.template());
                if (created != end.podsCreated()) {
                    out.add(end.template() + ": " + created + " pods created, expected " + end.podsCreated());
                }
                Optional<Pod> first = client.pods().inNamespace(namespace).withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems()
                        .stream().filter(p -> p.getMetadata().getName().startsWith(end.template() + "-"))
                        .min(Comparator.comparing(p -> p.getMetadata().getName()));
                if (first.isEmpty()) {
                    out.add(end.template() + ": no pod");
                    continue;
                }
                String actual = describe(first.get());
                String wanted = end.phase() + end.exitCode().map(c -> " exit " + c).orElse("") + end.reason().map(r -> " " + r).orElse("");
                if (!actual.equals(wanted)) {
                    out.add(end.template() + ": pod " + actual + ", expected " + wanted);
                }
            }
            return out;
        }

        /** Waits (bounded) until the cluster matches the story's end; returns the last mismatches (empty when it matched). */
        public List<String> awaitSettled(KubernetesClient client, SimulatedChaosMesh sim, String namespace, String workflow, Duration timeout) {
            long end = System.nanoTime() + timeout.toNanos();
            List<String> last = mismatches(client, sim, namespace, workflow);
            while (!last.isEmpty() && System.nanoTime() < end) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                last = mismatches(client, sim, namespace, workflow);
            }
            return last;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The conditions of a node as {@code Type=Status/Reason}. */
    @SuppressWarnings("unchecked")
    public static Set<String> conditionsOf(GenericKubernetesResource node) {
        Map<String, Object> status = (Map<String, Object>) node.getAdditionalProperties().getOrDefault("status", Map.of());
        List<Map<String, Object>> conditions = (List<Map<String, Object>>) status.getOrDefault("conditions", List.of());
        return conditions.stream().map(c -> c.get("type") + "=" + c.get("status") + "/" + Objects.toString(c.get("reason"), ""))
                .collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static String template(GenericKubernetesResource node) {
        Map<String, Object> spec = (Map<String, Object>) node.getAdditionalProperties().getOrDefault("spec", Map.of());
        return String.valueOf(spec.get("templateName"));
    }

    private static String describe(Pod pod) {
        String phase = pod.getStatus() == null ? "" : pod.getStatus().getPhase();
        if (pod.getStatus() != null && pod.getStatus().getReason() != null) {
            return phase + " " + pod.getStatus().getReason();
        }
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        if (!statuses.isEmpty() && statuses.get(0).getState() != null && statuses.get(0).getState().getTerminated() != null) {
            var t = statuses.get(0).getState().getTerminated();
            return phase + " exit " + t.getExitCode() + " " + t.getReason();
        }
        if (!statuses.isEmpty() && statuses.get(0).getState() != null && statuses.get(0).getState().getWaiting() != null) {
            return phase + " " + statuses.get(0).getState().getWaiting().getReason();
        }
        return phase;
    }

    // ---------------------------------------------------------------- the stories

    /** Every story, in a stable order. */
    public static List<Story> all() {
        return List.of(passingLongRun(), lateTaskFailure(), entryDeadlineWhileATaskRuns(), taskDeadlineThenSerialMovesOn(),
                imagePullErrorUntilDeadline(), suspendStep(), chaosStep(), oomKilled(), exitTwo(), abortByAnnotation(),
                statusCheckAbort(), taskPodDeletedWhileItsNodeExists());
    }

    /** The story of that name. */
    public static Story byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no story named " + name + "; there are " + all()));
    }

    private static final String SERIAL_DONE = "Accomplished=True/";
    private static final String OMITTED = "DeadlineExceed=True/NodeDeadlineOmitted";
    private static final String EXCEEDED = "DeadlineExceed=True/NodeDeadlineExceed";
    private static final String NOT_ABORTED = "Aborted=False/";

    private static NodeEnd node(String template, String... conditions) {
        return new NodeEnd(template, Set.of(conditions));
    }

    private static PodEnd pod(String template, String phase, int exitCode, String reason) {
        return new PodEnd(template, phase, Optional.of(exitCode), Optional.of(reason), 1);
    }

    private static String workflow(String entry, String... templates) {
        StringBuilder sb = new StringBuilder("""
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata:
                  name: $NAME
                  namespace: $NAMESPACE
                spec:
                  entry: %s
                  templates:
                """.formatted(entry));
        for (String t : templates) {
            t.lines().forEach(l -> sb.append("    ").append(l).append('\n'));
        }
        return sb.toString();
    }

    private static String serial(String name, String deadline, String... children) {
        return "- name: " + name + "\n  templateType: Serial\n  deadline: " + deadline + "\n  children: [" + String.join(", ", children) + "]";
    }

    private static String task(String name, String deadline) {
        return "- name: " + name + "\n  templateType: Task\n  deadline: " + deadline + "\n"
                + "  task:\n"
                + "    container:\n"
                + "      name: main\n"
                + "      image: ghcr.io/example/seitask:0123456789abcdef0123456789abcdef01234567\n"
                + "      command: [\"/bin/sh\", \"-c\"]\n"
                + "      args: [\"run-step\"]";
    }

    private static Duration min(long m) {
        return Duration.ofMinutes(m);
    }

    /**
     * 2m Tasks in a 60m Serial, run to the entry deadline: every step ends Accomplished and then
     * {@code NodeDeadlineOmitted}, the entry too; nothing timed out.
     */
    static Story passingLongRun() {
        return new Story("passing-long-run", "serial_node_reconciler.go, task_reconciler.go, deadline_reconciler.go, workflow_entry_reconciler.go",
                workflow("main", serial("main", "60m", "provision", "run-test", "upload-report"),
                        task("provision", "5m"), task("run-test", "30m"), task("upload-report", "2m")),
                b -> b.script("provision", TaskScript.passes(min(2))).script("run-test", TaskScript.passes(min(2)))
                        .script("upload-report", TaskScript.passes(Duration.ofSeconds(30))),
                List.of(),
                List.of(node("main", SERIAL_DONE, OMITTED, NOT_ABORTED), node("provision", SERIAL_DONE, OMITTED),
                        node("run-test", SERIAL_DONE, OMITTED), node("upload-report", SERIAL_DONE, OMITTED)),
                List.of(pod("provision", "Succeeded", 0, "Completed"), pod("run-test", "Succeeded", 0, "Completed"),
                        pod("upload-report", "Succeeded", 0, "Completed")));
    }

    /** The last step exits 1 behind omitted deadlines: its node is Accomplished all the same; only the pod tells. */
    static Story lateTaskFailure() {
        return new Story("late-task-failure", "task_reconciler.go (Accomplished whatever the exit code), serial_node_reconciler.go",
                workflow("main", serial("main", "60m", "provision", "run-test"), task("provision", "5m"), task("run-test", "30m")),
                b -> b.script("provision", TaskScript.passes(min(2))).script("run-test", TaskScript.exits(1, min(20)).withLogs("3 checks failed")),
                List.of(),
                List.of(node("main", SERIAL_DONE, OMITTED, NOT_ABORTED), node("provision", SERIAL_DONE, OMITTED),
                        node("run-test", SERIAL_DONE, OMITTED)),
                List.of(pod("provision", "Succeeded", 0, "Completed"), pod("run-test", "Failed", 1, "Error")));
    }

    /**
     * The entry's 10m deadline passes while a 20m Task runs: the entry gets NodeDeadlineExceed, the
     * Task ParentNodeDeadlineExceed; its pod runs on and the Task later Accomplishes; its own
     * deadline then rewrites nothing.
     */
    static Story entryDeadlineWhileATaskRuns() {
        return new Story("entry-deadline-while-task-runs", "deadline_reconciler.go (propagateDeadlineToChildren), task_reconciler.go",
                workflow("main", serial("main", "10m", "provision", "run-test"), task("provision", "5m"), task("run-test", "30m")),
                b -> b.script("provision", TaskScript.passes(min(2))).script("run-test", TaskScript.passes(min(20))),
                List.of(),
                List.of(node("main", SERIAL_DONE, EXCEEDED, NOT_ABORTED), node("provision", SERIAL_DONE, OMITTED),
                        node("run-test", "DeadlineExceed=True/ParentNodeDeadlineExceed", SERIAL_DONE)),
                List.of(pod("provision", "Succeeded", 0, "Completed"), pod("run-test", "Succeeded", 0, "Completed")));
    }

    /** A Task's own 5m deadline passes (its pod runs 20m): the Serial moves on; the Task Accomplishes later. */
    static Story taskDeadlineThenSerialMovesOn() {
        return new Story("task-deadline-serial-moves-on", "deadline_reconciler.go, serial_node_reconciler.go (no fail-fast)",
                workflow("main", serial("main", "60m", "slow", "upload-report"), task("slow", "5m"), task("upload-report", "2m")),
                b -> b.script("slow", TaskScript.passes(min(20))).script("upload-report", TaskScript.passes(min(1))),
                List.of(),
                List.of(node("main", SERIAL_DONE, OMITTED, NOT_ABORTED), node("slow", EXCEEDED, SERIAL_DONE),
                        node("upload-report", SERIAL_DONE, OMITTED)),
                List.of(pod("slow", "Succeeded", 0, "Completed"), pod("upload-report", "Succeeded", 0, "Completed")));
    }

    /** The image never pulls: the Task has no Accomplished condition at all, only its deadline. */
    static Story imagePullErrorUntilDeadline() {
        return new Story("image-pull-error", "task_reconciler.go (Accomplished only once pods[0] completed), deadline_reconciler.go",
                workflow("main", serial("main", "60m", "provision", "upload-report"), task("provision", "5m"), task("upload-report", "2m")),
                b -> b.script("provision", TaskScript.neverStarts("ImagePullBackOff")).script("upload-report", TaskScript.passes(min(1))),
                List.of(),
                List.of(node("main", SERIAL_DONE, OMITTED, NOT_ABORTED), node("provision", EXCEEDED), node("upload-report", SERIAL_DONE, OMITTED)),
                List.of(new PodEnd("provision", "Pending", Optional.empty(), Optional.of("ImagePullBackOff"), 1)));
    }

    /** A Suspend step ends by its deadline only: NodeDeadlineExceed is its normal end. */
    static Story suspendStep() {
        return new Story("suspend-step", "workflow_webhook.go (Suspend needs a deadline); no reconciler accomplishes Suspend",
                workflow("main", serial("main", "60m", "provision", "settle", "upload-report"), task("provision", "5m"),
                        "- name: settle\n  templateType: Suspend\n  deadline: 5m", task("upload-report", "2m")),
                b -> b.script("provision", TaskScript.passes(min(1))).script("upload-report", TaskScript.passes(min(1))),
                List.of(),
                List.of(node("main", SERIAL_DONE, OMITTED, NOT_ABORTED), node("provision", SERIAL_DONE, OMITTED), node("settle", EXCEEDED),
                        node("upload-report", SERIAL_DONE, OMITTED)),
                List.of());
    }

    /** A chaos step: ChaosInjected=True/ChaosCRCreated, then its deadline ends it. */
    static Story chaosStep() {
        return new Story("chaos-step", "chaos_node_reconciler.go (never Accomplished), deadline_reconciler.go",
                workflow("main", serial("main", "60m", "provision", "delay-network", "upload-report"), task("provision", "5m"),
                        """
                        - name: delay-network
                          templateType: NetworkChaos
                          deadline: 3m
                          networkChaos:
                            action: delay
                            mode: all
                            selector:
                              labelSelectors: {app: validator}
                            delay: {latency: 200ms}""", task("upload-report", "2m")),
                b -> b.script("provision", TaskScript.passes(min(1))).script("upload-report", TaskScript.passes(min(1))),
                List.of(),
                List.of(node("main", SERIAL_DONE, OMITTED, NOT_ABORTED), node("provision", SERIAL_DONE, OMITTED),
                        node("delay-network", "ChaosInjected=True/ChaosCRCreated", EXCEEDED), node("upload-report", SERIAL_DONE, OMITTED)),
                List.of());
    }

    /** The container is OOM-killed (exit 137, reason OOMKilled): the node is Accomplished. */
    static Story oomKilled() {
        return new Story("oom-killed", "task_reconciler.go",
                workflow("main", serial("main", "60m", "run-load"), task("run-load", "30m")),
                b -> b.script("run-load", TaskScript.oomKilled(min(3))),
                List.of(),
                List.of(node("main", SERIAL_DONE, OMITTED, NOT_ABORTED), node("run-load", SERIAL_DONE, OMITTED)),
                List.of(pod("run-load", "Failed", 137, "OOMKilled")));
    }

    /** Exit 2 (an infrastructure failure by the task images' convention): the node is Accomplished. */
    static Story exitTwo() {
        return new Story("exit-2", "task_reconciler.go",
                workflow("main", serial("main", "60m", "provision"), task("provision", "30m")),
                b -> b.script("provision", TaskScript.exits(2, min(4)).withLogs("could not reach the RPC endpoint")),
                List.of(),
                List.of(node("main", SERIAL_DONE, OMITTED, NOT_ABORTED), node("provision", SERIAL_DONE, OMITTED)),
                List.of(pod("provision", "Failed", 2, "Error")));
    }

    /**
     * The abort annotation at 5m while a 30m Task runs: entry WorkflowAborted, the Task
     * ParentNodeAborted; the pod runs on and the Task Accomplishes; the Serial counts it finished.
     */
    static Story abortByAnnotation() {
        return new Story("abort-by-annotation", "abort_workflow_reconciler.go, abort_node_reconciler.go (propagateAbortToChildren), task_reconciler.go",
                workflow("main", serial("main", "60m", "provision", "run-test", "upload-report"), task("provision", "5m"), task("run-test", "40m"),
                        task("upload-report", "2m")),
                b -> b.script("provision", TaskScript.passes(min(1))).script("run-test", TaskScript.passes(min(30))),
                List.of(new Action(min(5), "annotate workflow.chaos-mesh.org/abort=true", (client, ns, wf) ->
                        client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(ns).withName(wf).edit(w -> {
                            Map<String, String> a = new LinkedHashMap<>(Optional.ofNullable(w.getMetadata().getAnnotations()).orElse(Map.of()));
                            a.put(ChaosMeshKinds.ANNOTATION_ABORT, "true");
                            w.getMetadata().setAnnotations(a);
                            return w;
                        }))),
                List.of(node("main", "Aborted=True/WorkflowAborted", "Accomplished=False/", EXCEEDED), node("provision", SERIAL_DONE, OMITTED),
                        node("run-test", "Aborted=True/ParentNodeAborted", SERIAL_DONE, OMITTED)),
                List.of(pod("provision", "Succeeded", 0, "Completed"), pod("run-test", "Succeeded", 0, "Completed")));
    }

    /**
     * A failing StatusCheck with abortWithStatusCheck: the check node is Accomplished and Aborted
     * (StatusCheckNotExceedSuccessThreshold) in one write; the Serial reconciler sees a finished
     * child and starts the next step while the abort reconciler annotates the Workflow; the entry
     * is then aborted, the new step too (ParentNodeAborted), whose pod runs on and Accomplishes it.
     */
    static Story statusCheckAbort() {
        return new Story("status-check-abort", "statuscheck_reconciler.go, abort_node_reconciler.go (abortWorkflow), abort_workflow_reconciler.go",
                workflow("main", serial("main", "60m", "check-rpc", "run-test"), """
                        - name: check-rpc
                          templateType: StatusCheck
                          deadline: 10m
                          abortWithStatusCheck: true
                          statusCheck:
                            mode: Synchronous
                            type: HTTP
                            failureThreshold: 3
                            http: {url: "http://rpc:26657/status", method: GET, criteria: {statusCode: "200"}}""", task("run-test", "30m")),
                b -> b.statusCheck("check-rpc", SimulatedChaosMesh.StatusCheckScript.fails(min(1))).script("run-test", TaskScript.passes(min(5))),
                List.of(),
                List.of(node("main", "Aborted=True/WorkflowAborted", SERIAL_DONE, OMITTED),
                        node("check-rpc", "Accomplished=True/StatusCheckCompleted", "Aborted=True/StatusCheckNotExceedSuccessThreshold", OMITTED),
                        node("run-test", "Aborted=True/ParentNodeAborted", SERIAL_DONE, OMITTED)),
                List.of(pod("run-test", "Succeeded", 0, "Completed")));
    }

    /**
     * The Task's pod is deleted at 3m while its node exists (what a sweep of pods before nodes
     * does): the kubelet kills it after the 30s grace period ({@code /bin/sh -c} ignores SIGTERM),
     * the node is Accomplished by that killed pod, the Serial moves on, and the controller creates a
     * second pod that runs the script again (upstream issue #4878).
     */
    static Story taskPodDeletedWhileItsNodeExists() {
        return new Story("task-pod-recreated", "task_reconciler.go (a node without pod gets one, even when finished)",
                workflow("main", serial("main", "60m", "provision", "upload-report"), task("provision", "20m"), task("upload-report", "2m")),
                b -> b.script("provision", TaskScript.passes(min(10))).script("upload-report", TaskScript.passes(min(1))),
                List.of(new Action(min(3), "delete the provision pod (propagationPolicy Background)", (client, ns, wf) ->
                        client.pods().inNamespace(ns).withLabel(ChaosMeshKinds.LABEL_WORKFLOW, wf).list().getItems().stream()
                                .filter(p -> p.getMetadata().getName().startsWith("provision-"))
                                .forEach(p -> client.pods().inNamespace(ns).withName(p.getMetadata().getName())
                                        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete()))),
                List.of(node("main", SERIAL_DONE, OMITTED, NOT_ABORTED), node("provision", SERIAL_DONE, OMITTED),
                        node("upload-report", SERIAL_DONE, OMITTED)),
                List.of(new PodEnd("provision", "Succeeded", Optional.of(0), Optional.of("Completed"), 2),
                        pod("upload-report", "Succeeded", 0, "Completed")));
    }
}
