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
        Table table = new Table("N scenarios", "bin/survey wall time (median)", "runs", "per scenario", "marginal per scenario from the previous N",
                "peak RSS (max)", "plain `java -jar survey.jar` (one run)");
        double previousMs = -1;
        int previousN = -1;
        for (int n : new int[] {3, 30, 300, 3000}) {
            Path in = work.resolve("in-" + n);
            exec(List.of("java", "-jar", jar.toString(), "generate", Integer.toString(n), in.toString()), work);
            int runs = n >= 3000 ? Math.max(1, reps / 2) : reps;
            List<Double> ms = new ArrayList<>();
            double rss = 0;
            for (int i = 0; i < runs; i++) {
                Path outDir = work.resolve("out-" + n + "-" + i);
                long start = System.nanoTime();
                rss = Math.max(rss, execRss(List.of(root.resolve("bin/survey").toString(), "--scenarios", in.toString(), "--out", outDir.toString()), work));
                ms.add((System.nanoTime() - start) / 1e6);
                if (!Files.isRegularFile(outDir.resolve("checkpoint.md"))) {
                    throw new IllegalStateException("survey of " + n + " scenarios wrote no checkpoint.md");
                }
            }
            long plainStart = System.nanoTime();
            exec(List.of("java", "-jar", jar.toString(), "--scenarios", in.toString(), "--out", work.resolve("plain-" + n).toString()), work);
            double plain = (System.nanoTime() - plainStart) / 1e6;
            double median = Stats.of(ms).median();
            String marginal = previousN < 0 ? "" : Table.ms((median - previousMs) / (n - previousN));
            table.row(n, Table.ms(median), runs, Table.ms(median / n), marginal, String.format("%.0f MiB", rss / 1024), Table.ms(plain));
            previousMs = median;
            previousN = n;
        }
        out.printf("## 5. Survey wall time (whole process, JVM start included)%n%n");
        table.print(out);
    }

    /** Runs the command under /usr/bin/time; its peak RSS in KiB. */
    private static double execRss(List<String> command, Path dir) throws IOException, InterruptedException {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "PEAK_RSS_KB=%M"));
        timed.addAll(command);
        Process p = new ProcessBuilder(timed).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("failed: " + command + "\n" + err);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("PEAK_RSS_KB=(\\d+)").matcher(err);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
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
