package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.testkit.Fixtures;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures, against the mock API server and the simulated controller: the latency from the
 * simulator sending the status write that makes a Workflow terminal to the adapter returning its
 * outcome (median over N runs, after warm-up runs), and the API requests of one full run
 * (apply, await, capture, clean up).
 *
 * <pre>
 * java -cp adapters-k8s/target/test-classes:adapters-k8s/target/classes:$(cat cp.txt) \
 *     dev.workflowrun.adapters.k8s.OutcomeLatencyBenchmark [runs]
 * </pre>
 */
public final class OutcomeLatencyBenchmark {

    private OutcomeLatencyBenchmark() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmUp = 5;
        try (MockCluster cluster = MockCluster.start();
             SimulatedChaosMesh chaos = SimulatedChaosMesh.builder(cluster).speed(3600).start()) {
            List<Double> latenciesMs = new ArrayList<>();
            String lastCounts = "";
            long lastTotal = 0;
            for (int i = 0; i < warmUp + runs; i++) {
                WorkflowClusterPort adapter = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults());
                String runId = "bench" + i;
                WorkflowHandle handle = new WorkflowHandle("bench", Fixtures.SMOKE_SERIAL.workflowName(runId), Fixtures.SMOKE_SERIAL.scenario(), runId);
                long t0 = System.nanoTime();
                adapter.applyOrAdopt(handle, Fixtures.SMOKE_SERIAL.render("bench", runId));
                long t1 = System.nanoTime();
                AwaitResult result = adapter.awaitTerminal(handle, Instant.now().plusSeconds(60), new Cancellation(), ProgressListener.NONE);
                long outcomeAt = System.nanoTime();
                if (!(result instanceof AwaitResult.Finished)) {
                    throw new IllegalStateException("run " + runId + " did not finish: " + result);
                }
                SimulatedChaosMesh.Terminal terminal = chaos.terminalOf("bench", handle.name())
                        .orElseThrow(() -> new IllegalStateException("the simulator has no terminal write for " + handle));
                adapter.capture(handle, CaptureOptions.DEFAULT);
                long t2 = System.nanoTime();
                adapter.cleanUp(handle, Duration.ofSeconds(10));
                long t3 = System.nanoTime();
                if (i == warmUp + runs - 1) {
                    System.out.printf("last run: apply %d ms, await %d ms, capture %d ms, clean up %d ms%n",
                            (t1 - t0) / 1_000_000, (outcomeAt - t1) / 1_000_000, (t2 - outcomeAt) / 1_000_000, (t3 - t2) / 1_000_000);
                }
                if (i >= warmUp) {
                    latenciesMs.add((outcomeAt - terminal.writtenAtNanos()) / 1e6);
                }
                lastCounts = adapter.requestCounts().byVerbAndResource().toString();
                lastTotal = adapter.requestCounts().total();
            }
            List<Double> sorted = latenciesMs.stream().sorted().toList();
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            System.out.printf("terminal status write -> adapter outcome, median of %d runs (after %d warm-up): %.1f ms (min %.1f, max %.1f)%n",
                    runs, warmUp, median, sorted.get(0), sorted.get(sorted.size() - 1));
            System.out.printf("API requests of one full run (apply, await, capture with logs, clean up): %d %s%n", lastTotal, lastCounts);
        }
    }
}
