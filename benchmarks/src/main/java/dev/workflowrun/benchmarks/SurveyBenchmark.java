package dev.workflowrun.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 5: whole-process wall time of {@code survey --scenarios DIR --out DIR} over N = 3, 30,
 * 300 and 3,000 scenarios made by the survey's own (hidden) {@code generate N DIR}. There is no
 * program to compare with (the wrapper survey is done by hand), so the comparison is with linear
 * scaling: the time per scenario, and the measured time over the time linear growth from the
 * next smaller N would predict.
 */
final class SurveyBenchmark {

    private SurveyBenchmark() {
    }

    static void run(Path root, int reps, PrintStream out) throws Exception {
        Path jar = root.resolve("app-survey/target/survey.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it: mvn -B -Pbench -pl benchmarks -am package -DskipTests");
        }
        Path work = Files.createTempDirectory("bench-survey-");
        Table table = new Table("N scenarios", "wall time (median)", "runs", "per scenario", "vs linear from the previous N",
                "marginal per scenario from the previous N");
        double previousMs = -1;
        int previousN = -1;
        for (int n : new int[] {3, 30, 300, 3000}) {
            Path in = work.resolve("in-" + n);
            exec(List.of("java", "-jar", jar.toString(), "generate", Integer.toString(n), in.toString()), work);
            int runs = n >= 3000 ? Math.max(1, reps / 2) : reps;
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                Path outDir = work.resolve("out-" + n + "-" + i);
                long start = System.nanoTime();
                exec(List.of("java", "-jar", jar.toString(), "--scenarios", in.toString(), "--out", outDir.toString()), work);
                ms.add((System.nanoTime() - start) / 1e6);
                if (!Files.isRegularFile(outDir.resolve("checkpoint.md"))) {
                    throw new IllegalStateException("survey of " + n + " scenarios wrote no checkpoint.md");
                }
            }
            double median = Stats.of(ms).median();
            String vsLinear = previousN < 0 ? "" : String.format("%.2f×", median / (previousMs * n / previousN));
            String marginal = previousN < 0 ? "" : Table.ms((median - previousMs) / (n - previousN));
            table.row(n, Table.ms(median), runs, Table.ms(median / n), vsLinear, marginal);
            previousMs = median;
            previousN = n;
        }
        out.printf("## 5. Survey wall time (whole process, JVM start included)%n%n");
        table.print(out);
    }

    private static void exec(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("exit " + p.exitValue() + ": " + command);
        }
    }
}
