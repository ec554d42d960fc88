package dev.workflowrun.benchmarks;

import dev.workflowrun.adapters.k8s.ClusterOptions;
import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.testkit.ChaosMeshKinds;
import dev.workflowrun.testkit.MockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark 3: capturing a terminal Workflow with 10, 100 and 1,000 WorkflowNodes and as many Task
 * pods (created directly on the API server, each pod terminated with a log line). Ours: one LIST per
 * kind (and, by default, one log read per container); the baseline: a GET per object after listing
 * the names. Wall time is the median of {@code reps} captures; requests are those of one capture.
 */
final class CaptureBenchmark {

    private static final String NS = "bench-capture";

    private CaptureBenchmark() {
    }

    static void run(int reps, PrintStream out) throws Exception {
        Table table = new Table("nodes + pods", "workflow-run, no logs", "workflow-run, 200-line log tails", "baseline (GET per object)",
                "ratio baseline / ours (no logs), time", "requests");
        for (int n : new int[] {10, 100, 1000}) {
            try (MockCluster cluster = MockCluster.start()) {
                String name = "bench-cap" + n;
                populate(cluster, name, n);
                WorkflowHandle handle = new WorkflowHandle(NS, name, "bench", "cap" + n);
                Measured noLogs = measure(reps, () -> {
                    WorkflowClusterPort a = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults());
                    TerminalSnapshot s = a.capture(handle, new CaptureOptions(0, 0));
                    check(s, n);
                    return a.requestCounts().total();
                });
                Measured withLogs = measure(reps, () -> {
                    WorkflowClusterPort a = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults());
                    TerminalSnapshot s = a.capture(handle, CaptureOptions.DEFAULT);
                    check(s, n);
                    return a.requestCounts().total();
                });
                Measured baseline = measure(reps, () -> {
                    PollBaseline b = new PollBaseline(cluster.client(), 1);
                    int got = b.capture(NS, name);
                    if (got != 1 + 2 * n) {
                        throw new IllegalStateException("baseline captured " + got + " objects, expected " + (1 + 2 * n));
                    }
                    return b.requests();
                });
                table.row(n + " + " + n, noLogs, withLogs, baseline, Table.ratio(baseline.medianMs(), noLogs.medianMs()),
                        Table.ratio(baseline.requests(), noLogs.requests()) + " fewer");
            }
        }
        out.printf("## 3. Capture of large Workflows (median of %d captures each)%n%n", reps);
        table.print(out);
    }

    private static void check(TerminalSnapshot s, int n) {
        // The mock cluster has no Chaos Mesh deployment, so the optional controller version check is skipped; anything else is a failure.
        if (s.nodes() != n || s.pods() != n || s.problems().stream().anyMatch(p -> !p.startsWith("controller version check skipped"))) {
            throw new IllegalStateException("captured " + s.nodes() + " nodes, " + s.pods() + " pods, problems " + s.problems());
        }
    }

    record Measured(double medianMs, long requests) {
        @Override
        public String toString() {
            return Table.ms(medianMs) + ", " + requests + " req";
        }
    }

    interface Capture {
        long run() throws Exception;
    }

    private static Measured measure(int reps, Capture capture) throws Exception {
        capture.run(); // warm-up
        List<Double> ms = new ArrayList<>();
        long requests = 0;
        for (int i = 0; i < reps; i++) {
            long t = System.nanoTime();
            requests = capture.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        return new Measured(Stats.of(ms).median(), requests);
    }

    /** The Workflow, n WorkflowNodes owned by it, and n terminated Task pods, each with a log line. */
    private static void populate(MockCluster cluster, String name, int n) throws Exception {
        String uid = cluster.client().resource(BenchWorkflows.oneTask(NS, name, name.substring(6))).create().getMetadata().getUid();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                done.add(pool.submit(() -> {
                    String node = name + "-task-" + k;
                    cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(NS).resource(new GenericKubernetesResourceBuilder()
                            .withApiVersion(ChaosMeshKinds.API_VERSION).withKind("WorkflowNode")
                            .withNewMetadata().withName(node).withNamespace(NS)
                            .addToLabels(ChaosMeshKinds.LABEL_WORKFLOW, name).addToLabels(ChaosMeshKinds.LABEL_CONTROLLED_BY, name)
                            .addNewOwnerReference().withApiVersion(ChaosMeshKinds.API_VERSION).withKind("Workflow").withName(name).withUid(uid)
                            .withController(true).endOwnerReference()
                            .endMetadata()
                            .withAdditionalProperties(Map.of("spec", Map.of("templateName", "task-" + k, "workflowName", name, "type", "Task")))
                            .build()).create();
                    Pod pod = new PodBuilder().withNewMetadata().withName(node + "-pod").withNamespace(NS)
                            .addToLabels(ChaosMeshKinds.LABEL_WORKFLOW, name).addToLabels(ChaosMeshKinds.LABEL_CONTROLLED_BY, node).endMetadata()
                            .withNewSpec().addNewContainer().withName("task").withImage("ghcr.io/example/seitask:v1").endContainer().endSpec()
                            .withNewStatus().withPhase("Succeeded").addNewContainerStatus().withName("task").withReady(false).withRestartCount(0)
                            .withNewState().withNewTerminated().withExitCode(0).withReason("Completed").endTerminated().endState()
                            .endContainerStatus().endStatus().build();
                    cluster.client().pods().inNamespace(NS).resource(pod).create();
                    cluster.podLogs().append(NS, node + "-pod", "task", List.of("task " + k + " done"));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
