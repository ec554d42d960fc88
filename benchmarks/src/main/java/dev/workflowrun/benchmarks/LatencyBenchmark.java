package dev.workflowrun.benchmarks;

import dev.workflowrun.adapters.k8s.ClusterOptions;
import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 1: from the simulated controller sending the status write that makes the Workflow
 * terminal, to the runner's outcome (its watch-based await returning the verdict, which includes a
 * fresh LIST of nodes and pods), and to the poll baseline's GET that first sees it. Both watch the
 * same Workflow in the same run. The baseline sleeps 30 simulated seconds between polls with a random
 * phase; its latency is reported in simulated (= production) time: the time it spent asleep is scaled
 * by the speed factor, the GET itself is not.
 */
final class LatencyBenchmark {

    static final double SPEED = 600;
    private static final String NS = "bench-latency";

    private LatencyBenchmark() {
    }

    static void run(int runs, int warmUp, PrintStream out) throws Exception {
        List<Double> ours = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        Random random = new Random(20261129);
        int stalls = 0;
        // Runs go in chunks of 10, each on a fresh API server: fabric8's mock server can stall its one event loop
        // when a watch closes while it is sending on it (then every request times out); a stalled chunk is run again.
        int chunk = 10;
        for (int done = 0; done < warmUp + runs; ) {
            int size = Math.min(chunk, warmUp + runs - done);
            List<Double> o = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            try {
                chunk(done, size, warmUp, random, o, b);
                ours.addAll(o);
                baseline.addAll(b);
                done += size;
            } catch (Exception e) {
                if (++stalls > 5) {
                    throw e;
                }
                System.err.println("benchmarks: latency chunk at run " + done + " failed (" + e.getMessage() + "); running it again");
            }
        }
        report(ours, baseline, runs, warmUp, stalls, out);
    }

    private static void chunk(int from, int size, int warmUp, Random random, List<Double> ours, List<Double> baseline) throws Exception {
        try (MockCluster cluster = MockCluster.start();
             SimulatedChaosMesh chaos = SimulatedChaosMesh.builder(cluster).speed(SPEED).defaultScript(TaskScript.passes(Duration.ofMinutes(2))).start()) {
            for (int i = from; i < from + size; i++) {
                String runId = "lat" + i;
                String name = "bench-" + runId;
                WorkflowHandle handle = new WorkflowHandle(NS, name, "bench", runId);
                WorkflowClusterPort adapter = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults());
                PollBaseline poll = new PollBaseline(cluster.client(), SPEED);
                adapter.applyOrAdopt(handle, BenchWorkflows.oneTask(NS, name, runId));
                double phase = random.nextDouble();
                CompletableFuture<PollBaseline.Observed> polled = CompletableFuture.supplyAsync(() -> {
                    try {
                        return poll.awaitAccomplished(NS, name, phase);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                AwaitResult result = adapter.awaitTerminal(handle, Instant.now().plusSeconds(60), new Cancellation(), ProgressListener.NONE);
                long outcomeAt = System.nanoTime();
                if (!(result instanceof AwaitResult.Finished)) {
                    // Whose miss: the simulated controller's (no terminal write) or the wait's (written, not seen).
                    var workflow = cluster.client().genericKubernetesResources("chaos-mesh.org/v1alpha1", "Workflow").inNamespace(NS).withName(name).get();
                    throw new IllegalStateException("run " + runId + " did not finish: " + result + "; terminal write by the simulator: "
                            + chaos.terminalOf(NS, name).map(t -> "yes").orElse("none") + "; the Workflow's status now: "
                            + (workflow == null ? "gone" : workflow.getAdditionalProperties().get("status")));
                }
                PollBaseline.Observed seen = polled.get(60, TimeUnit.SECONDS);
                long written = chaos.terminalOf(NS, name).orElseThrow(() -> new IllegalStateException("no terminal write for " + name))
                        .writtenAtNanos();
                adapter.cleanUp(handle, Duration.ofSeconds(10));
                if (i < warmUp) {
                    continue;
                }
                ours.add((outcomeAt - written) / 1e6);
                double baselineMs = seen.pollStartNanos() >= written
                        ? (seen.pollStartNanos() - written) / 1e6 * SPEED + (seen.getDoneNanos() - seen.pollStartNanos()) / 1e6
                        : (seen.getDoneNanos() - written) / 1e6;
                baseline.add(baselineMs);
            }
        }
    }

    private static void report(List<Double> ours, List<Double> baseline, int runs, int warmUp, int stalls, PrintStream out) {
        Stats o = Stats.of(ours);
        Stats b = Stats.of(baseline);
        out.printf("## 1. Terminal status write -> outcome (%d runs after %d warm-up, simulator speed %.0f)%n%n", runs, warmUp, SPEED);
        new Table("", "median", "p99 (nearest rank)", "min", "max")
                .row("workflow-run (watch, then one LIST of pods; of nodes too unless the watch showed the whole tree ended)", Table.ms(o.median()), Table.ms(o.percentile(99)), Table.ms(o.min()), Table.ms(o.max()))
                .row("baseline (GET every 30 s, simulated time)", Table.ms(b.median()), Table.ms(b.percentile(99)), Table.ms(b.min()), Table.ms(b.max()))
                .row("ratio baseline / ours", Table.ratio(b.median(), o.median()), Table.ratio(b.percentile(99), o.percentile(99)), "", "")
                .print(out);
        out.printf("Chunks of 10 runs run again after the mock API server stalled: %d%n%n", stalls);
    }
}
