package dev.workflowrun.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmarks of docs/BENCHMARKS.md and prints Markdown tables: our figure, the bash
 * wrapper's way, and the ratio. From the repository root:
 *
 * <pre>
 * mvn -B -Pbench -pl benchmarks -am package -DskipTests
 * mvn -B -Pbench -pl benchmarks exec:java                              # all five
 * mvn -B -Pbench -pl benchmarks exec:java -Dexec.args="latency capture" # some
 * </pre>
 */
public final class Benchmarks {

    private static final List<String> ALL = List.of("latency", "requests", "capture", "startup", "external", "survey");

    private Benchmarks() {
    }

    public static void main(String[] args) {
        int code = 1;
        try {
            code = runAll(args);
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            // The embedded API servers keep non-daemon threads; a failed close must not keep the JVM alive.
            System.exit(code);
        }
    }

    private static int runAll(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        Set<String> chosen = args.length == 0 || List.of(args).contains("all") ? Set.copyOf(ALL) : Set.of(args);
        for (String name : chosen) {
            if (!ALL.contains(name)) {
                System.err.println("benchmarks: unknown benchmark '" + name + "'; choose from " + ALL + " or all");
                return 64;
            }
        }
        Path root = Path.of("").toAbsolutePath();
        int latencyRuns = Integer.getInteger("bench.latencyRuns", 60);
        System.out.printf("Machine: %d cores, %.1f GiB max heap for this JVM, Java %s, %s %s%n%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1024.0 / 1024 / 1024, System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"));
        long start = System.nanoTime();
        for (String name : ALL) {
            if (!chosen.contains(name)) {
                continue;
            }
            long t = System.nanoTime();
            switch (name) {
                case "latency" -> LatencyBenchmark.run(latencyRuns, 10, System.out);
                case "requests" -> RequestsBenchmark.run(System.out);
                case "capture" -> CaptureBenchmark.run(Integer.getInteger("bench.captureReps", 5), System.out);
                case "startup" -> StartupBenchmark.run(root, Integer.getInteger("bench.helpRuns", 10), Integer.getInteger("bench.sandboxRuns", 5), System.out);
                case "external" -> ExternalServerBenchmark.run(root, Integer.getInteger("bench.externalRuns", 5), System.out);
                case "survey" -> SurveyBenchmark.run(root, Integer.getInteger("bench.surveyReps", 3), System.out);
                default -> throw new IllegalStateException(name);
            }
            System.err.printf("benchmarks: %s took %.0f s%n", name, (System.nanoTime() - t) / 1e9);
        }
        System.err.printf("benchmarks: all took %.0f s%n", (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
