package dev.workflowrun.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 4: whole-process cold start of {@code workflow-run --help}, of a sandbox run to its first
 * API request (the first {@code [Applied]} line, the runner's first request to the embedded API
 * server being the GET before the apply), and the sandbox run's peak RSS ({@code /usr/bin/time -f %M});
 * each with and without an AppCDS archive made by one training run. The baseline is the example
 * {@code wrapper.sh} under bash with stub {@code curl}/{@code envsubst}/{@code kubectl}/{@code aws}
 * on its PATH: its usage error (no SCENARIO_REF), the time to its first {@code kubectl} call, and
 * its peak RSS. The stubs cost nothing, so the baseline is a lower bound: a real {@code kubectl}
 * adds its own start-up to every call.
 */
final class StartupBenchmark {

    private static final Pattern RSS = Pattern.compile("PEAK_RSS_KB=(\\d+)");

    private StartupBenchmark() {
    }

    static void run(Path root, int helpRuns, int sandboxRuns, PrintStream out) throws Exception {
        Path jar = root.resolve("app-runner/target/workflow-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it: mvn -B -Pbench -pl benchmarks -am package -DskipTests");
        }
        Path work = Files.createTempDirectory("bench-startup-");
        // The archive app-runner's package phase writes (one sandbox run); the launcher's own flags with it.
        Path archive = root.resolve("app-runner/target/workflow-run.jsa");
        boolean cds = Files.isRegularFile(archive);
        List<String> launcher = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxRAM=384m", "-XX:MaxRAMPercentage=50", "-XX:-UsePerfData"));
        if (cds) {
            launcher.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        List<String> launcherHelp = new ArrayList<>(List.of("java"));
        launcherHelp.addAll(launcher);
        launcherHelp.addAll(List.of("-jar", jar.toString(), "--help"));

        Stats help = times(helpRuns, () -> exec(List.of("java", "-jar", jar.toString(), "--help"), Map.of(), work));
        Stats helpCds = times(helpRuns, () -> exec(launcherHelp, Map.of(), work));
        Stats helpScript = times(helpRuns, () -> exec(List.of(root.resolve("bin/workflow-run").toString(), "--help"), Map.of(), work));
        // A default from the environment appears in the help, so the launcher builds picocli's model instead of printing the
        // written help: the cost of --help at a terminal, which gets picocli's colours and width the same way.
        Stats helpPicocli = times(helpRuns, () -> exec(List.of(root.resolve("bin/workflow-run").toString(), "--help"),
                Map.of("WORKFLOW_RUN_LOG_FORMAT", "text"), work));
        List<Double> first = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> firstCds = new ArrayList<>();
        List<Double> rssCds = new ArrayList<>();
        for (int i = 0; i < sandboxRuns; i++) {
            double[] r = sandbox(jar, List.of(), work.resolve("runs-" + i));
            if (r[0] >= 0) {
                first.add(r[0]);
                rss.add(r[1]);
            }
            double[] c = sandbox(jar, launcher, work.resolve("runs-cds-" + i));
            if (c[0] >= 0) {
                firstCds.add(c[0]);
                rssCds.add(c[1]);
            }
        }

        Path stubs = stubs(root, work);
        Path wrapper = root.resolve("examples/scenarios/release-test/wrapper.sh");
        Stats usage = times(helpRuns, () -> exec(List.of("bash", wrapper.toString()), Map.of("PATH", stubs + ":" + System.getenv("PATH")), work));
        List<Double> bFirst = new ArrayList<>();
        List<Double> bRss = new ArrayList<>();
        for (int i = 0; i < sandboxRuns; i++) {
            double[] r = wrapperToFirstKubectl(wrapper, stubs, work);
            bFirst.add(r[0]);
            bRss.add(r[1]);
        }

        out.printf("## 4. Cold start and memory (%d runs of --help, %d sandbox runs; medians)%n%n", helpRuns, sandboxRuns);
        Stats f = Stats.of(first);
        Stats m = Stats.of(rss);
        Stats bf = Stats.of(bFirst);
        Stats bm = Stats.of(bRss);
        Table t = new Table("", "workflow-run, plain `java -jar`", "workflow-run, launcher flags + package-time archive" + (cds ? "" : " (no archive found)"),
                "baseline (bash wrapper, stub tools)", "ratio ours (launcher) / baseline");
        t.row("`--help` (baseline: usage error)", Table.ms(help.median()), Table.ms(helpCds.median()) + " (`bin/workflow-run --help`: "
                + Table.ms(helpScript.median()) + ")", Table.ms(usage.median()), String.format("%.1f× slower", helpCds.median() / usage.median()));
        t.row("`--help` through picocli's model (a terminal, or a `WORKFLOW_RUN_*` default set)", "", "`bin/workflow-run --help`: "
                + Table.ms(helpPicocli.median()), Table.ms(usage.median()), String.format("%.1f× slower", helpPicocli.median() / usage.median()));
        Stats fc = Stats.of(firstCds);
        t.row("start to first `[Applied]` (sandbox; the first API request is before it)", Table.ms(f.median()), Table.ms(fc.median()),
                Table.ms(bf.median()) + " (to first kubectl call)", String.format("%.1f× slower", fc.median() / bf.median()));
        Stats mc = Stats.of(rssCds);
        t.row("peak RSS of a sandbox run (runner + embedded API server + simulator)", String.format("%.0f MiB", m.median() / 1024),
                String.format("%.0f MiB (max %.0f MiB)", mc.median() / 1024, mc.max() / 1024),
                String.format("%.1f MiB (bash and stubs only)", bm.median() / 1024), String.format("%.0f× more", mc.median() / bm.median()));
        t.print(out);
        out.println("The sandbox run includes its embedded API server, the simulated controller and a local git repository in the same JVM.");
        out.printf("Sandbox runs that did not exit within 120 s (killed, left out of the medians): %d of %d%n", HUNG.size(), sandboxRuns * 2);
        HUNG.forEach(h -> out.println("```\n" + h + "\n```"));
        out.println();
    }

    interface Timed {
        void run() throws Exception;
    }

    private static Stats times(int runs, Timed t) throws Exception {
        t.run(); // warm the page cache
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            t.run();
            ms.add((System.nanoTime() - start) / 1e6);
        }
        return Stats.of(ms);
    }

    private static void exec(List<String> command, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
    }

    /** Sandbox runs that did not exit within two minutes of starting, with the end of their stderr. */
    static final List<String> HUNG = new ArrayList<>();

    /** {ms from spawn to the first [Applied] line, peak RSS in KiB}; {-1, -1} when the process did not exit in time. */
    private static double[] sandbox(Path jar, List<String> jvmFlags, Path runs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "PEAK_RSS_KB=%M", "java"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-jar", jar.toString(), "sandbox", "--runs-dir=" + runs));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        double[] result = {-1, -1};
        java.util.Deque<String> tail = new java.util.ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    if (result[0] < 0 && line.contains("[Applied]")) {
                        result[0] = (System.nanoTime() - start) / 1e6;
                    }
                    Matcher m = RSS.matcher(line);
                    if (m.find()) {
                        result[1] = Double.parseDouble(m.group(1));
                    }
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 15) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        }, "sandbox-stderr");
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            synchronized (tail) {
                HUNG.add(String.join("\n", tail));
            }
            return new double[] {-1, -1};
        }
        reader.join(10_000);
        if (result[0] < 0 || result[1] < 0) {
            throw new IllegalStateException("the sandbox run did not apply or report its RSS (exit " + p.exitValue() + ")");
        }
        return result;
    }

    /** Stub tools: curl writes the example scenario, envsubst copies, kubectl records when it was first called and fails, aws succeeds. */
    private static Path stubs(Path root, Path work) throws IOException {
        Path dir = Files.createDirectories(work.resolve("stubs"));
        Path example = root.resolve("examples/scenarios/release-test/workflow.yaml").toAbsolutePath();
        write(dir.resolve("curl"), "#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ \"$1\" = -o ]; then cp '" + example + "' \"$2\"; shift; fi; shift; done\n");
        write(dir.resolve("envsubst"), "#!/bin/sh\nexec cat\n");
        write(dir.resolve("kubectl"), "#!/bin/sh\n[ -n \"$FIRST_KUBECTL\" ] && [ ! -f \"$FIRST_KUBECTL\" ] && date +%s%N > \"$FIRST_KUBECTL\"\nexit 1\n");
        write(dir.resolve("aws"), "#!/bin/sh\nexit 0\n");
        return dir;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        file.toFile().setExecutable(true);
    }

    /** {ms from spawn to the wrapper's first kubectl call, peak RSS in KiB of the bash process tree's largest member}. */
    private static double[] wrapperToFirstKubectl(Path wrapper, Path stubs, Path work) throws IOException, InterruptedException {
        Path marker = work.resolve("first-kubectl-" + System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/time", "-f", "PEAK_RSS_KB=%M", "bash", wrapper.toString())
                .directory(work.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("PATH", stubs + ":" + System.getenv("PATH"));
        env.put("FIRST_KUBECTL", marker.toString());
        env.put("SCENARIO_REF", "0123456789abcdef0123456789abcdef01234567");
        env.put("SEID_IMAGE", "ghcr.io/sei-protocol/seid:v6.1.0");
        env.put("SEITASK_IMAGE", "ghcr.io/sei-protocol/seitask:0123456789ab");
        env.put("RELEASE_TEST_IMAGE", "ghcr.io/sei-protocol/release-test:0123456789ab");
        Instant start = Instant.now();
        Process p = pb.start();
        double rss = -1;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                Matcher m = RSS.matcher(line);
                if (m.find()) {
                    rss = Double.parseDouble(m.group(1));
                }
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        if (!Files.exists(marker) || rss < 0) {
            throw new IllegalStateException("the wrapper did not reach kubectl");
        }
        long kubectlNanos = Long.parseLong(Files.readString(marker).trim());
        long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        return new double[] {(kubectlNanos - startNanos) / 1e6, rss};
    }
}
