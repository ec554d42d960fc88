package dev.workflowrun.benchmarks;

import dev.workflowrun.adapters.k8s.ClusterOptions;
import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CaptureOptions;
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

/**
 * Benchmark 2: API requests of one whole run (apply, wait, capture, clean up) as the simulated run
 * grows: 1, 10, 60 and 240 simulated minutes of one Task. Ours is counted by the adapter (every
 * attempt of every request; an inform as its list and its watch); the baseline counts its own requests. Both run at
 * the same time, each on its own Workflow, in the same simulation. At speed 600 the baseline's 30 s
 * poll is 50 ms of real time, long next to one GET, so its cadence holds on a busy machine.
 */
final class RequestsBenchmark {

    static final double SPEED = 600;
    private static final String NS = "bench-requests";

    private RequestsBenchmark() {
    }

    static void run(PrintStream out) throws Exception {
        Table table = new Table("simulated run", "workflow-run requests", "of which pod log reads", "baseline requests", "of which polls",
                "polls expected (run / 30 s)", "ratio baseline / ours", "ratio with the expected polls");
        // The first run warms up the JVM, the server and the simulator (its start-up time would count as simulated minutes).
        boolean warmUp = true;
        for (int minutes : new int[] {1, 1, 10, 60, 240}) {
            long ours;
            long logs;
            long baseline;
            int polls;
            try (MockCluster cluster = MockCluster.start();
                 SimulatedChaosMesh chaos = SimulatedChaosMesh.builder(cluster).speed(SPEED)
                         .script("work", TaskScript.passes(Duration.ofMinutes(minutes))).start()) {
                String runId = "req" + minutes;
                String name = "bench-" + runId;
                WorkflowHandle handle = new WorkflowHandle(NS, name, "bench", runId);
                String bRunId = "reqb" + minutes;
                String bName = "bench-" + bRunId;
                PollBaseline poll = new PollBaseline(cluster.client(), SPEED);
                java.util.concurrent.CompletableFuture<Integer> polled = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    poll.apply(BenchWorkflows.oneTask(NS, bName, bRunId));
                    try {
                        // The wrapper starts polling right after apply: no phase offset.
                        int n = poll.awaitAccomplished(NS, bName, 0).polls();
                        poll.capture(NS, bName);
                        poll.cleanUp(NS, bName);
                        return n;
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                WorkflowClusterPort adapter = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults());
                adapter.applyOrAdopt(handle, BenchWorkflows.oneTask(NS, name, runId));
                AwaitResult r = adapter.awaitTerminal(handle, Instant.now().plusSeconds(600), new Cancellation(), ProgressListener.NONE);
                if (!(r instanceof AwaitResult.Finished)) {
                    throw new IllegalStateException("run " + runId + " did not finish: " + r);
                }
                adapter.capture(handle, CaptureOptions.DEFAULT);
                adapter.cleanUp(handle, Duration.ofSeconds(10));
                ours = adapter.requestCounts().total();
                logs = adapter.requestCounts().byVerbAndResource().getOrDefault("GET pods/log", 0L);
                polls = polled.get(30, java.util.concurrent.TimeUnit.MINUTES);
                baseline = poll.requests();
            }
            if (warmUp) {
                warmUp = false;
                continue;
            }
            int expected = (int) Math.ceil(minutes * 60 / PollBaseline.POLL_SECONDS);
            table.row(minutes + " min", ours, logs, baseline, polls, expected, Table.ratio(baseline, ours),
                    Table.ratio(baseline - polls + expected, ours));
        }
        out.printf("## 2. API requests per run as the run grows (simulator speed %.0f)%n%n", SPEED);
        table.print(out);
        fiveTasks(out);
    }

    /**
     * One whole passing run of a 5-Task Workflow, reachability check included, on the testkit's
     * cluster (which deletes as an API server does and collects garbage): every request by verb and
     * resource. The second run is the one shown (the first warms up).
     */
    static void fiveTasks(PrintStream out) throws Exception {
        java.util.Map<String, Long> counts = java.util.Map.of();
        long total = 0;
        java.util.List<dev.workflowrun.testkit.ReceivedRequest> received = java.util.List.of();
        for (int attempt = 0; attempt < 2; attempt++) {
            try (MockCluster cluster = MockCluster.start();
                 SimulatedChaosMesh chaos = SimulatedChaosMesh.builder(cluster).speed(SPEED)
                         .script("work", TaskScript.passes(Duration.ofMinutes(1))).start()) {
                String runId = "five" + attempt;
                String name = "bench-" + runId;
                WorkflowHandle handle = new WorkflowHandle(NS, name, "bench", runId);
                io.fabric8.kubernetes.client.KubernetesClient runner = cluster.newClient("workflow-run-bench");
                WorkflowClusterPort adapter = KubernetesAdapters.cluster(runner, ClusterOptions.defaults());
                adapter.checkReachable(NS);
                adapter.applyOrAdopt(handle, BenchWorkflows.tasks(NS, name, runId, 5));
                AwaitResult r = adapter.awaitTerminal(handle, Instant.now().plusSeconds(600), new Cancellation(), ProgressListener.NONE);
                if (!(r instanceof AwaitResult.Finished)) {
                    throw new IllegalStateException("run " + runId + " did not finish: " + r);
                }
                adapter.capture(handle, CaptureOptions.DEFAULT);
                adapter.cleanUp(handle, Duration.ofSeconds(10));
                counts = new java.util.TreeMap<>(adapter.requestCounts().byVerbAndResource());
                total = adapter.requestCounts().total();
                received = cluster.requestsFrom("workflow-run-bench");
                runner.close();
            }
        }
        out.printf("%n### A whole passing run of 5 Tasks (reachability check, apply, wait, capture, clean up): %d requests "
                + "(the API server received %d)%n%n", total, received.size());
        Table t = new Table("request", "count");
        counts.forEach((k, v) -> t.row(k, v));
        t.print(out);
        out.println("In the order the API server received them:");
        out.println();
        out.println("```");
        received.forEach(r -> out.println(r));
        out.println("```");
        out.println();
    }
}
