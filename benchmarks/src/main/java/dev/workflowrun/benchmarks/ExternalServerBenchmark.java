package dev.workflowrun.benchmarks;

import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.ReceivedRequest;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 4b: the packaged runner alone, as the CronJob runs it, against an API server in another
 * process (this one: the testkit's mock server and simulated controller): a whole {@code run} of the
 * example release-test scenario, fetched from a local git repository, published to a local directory.
 *
 * <p>Two figures per run. <b>Start to first API request</b>: this process notes the time just before it
 * starts the runner, and the API server notes when each request arrives; the runner's first request is
 * the first one whose {@code User-Agent} is not the testkit's own. Both clocks are this machine's wall
 * clock, so the difference is exact to a millisecond (it includes starting {@code /usr/bin/time}).
 * <b>Peak RSS</b> of the runner's JVM, from {@code /usr/bin/time -f %M}; the API server is not in it.
 */
final class ExternalServerBenchmark {

    private static final Pattern RSS = Pattern.compile("PEAK_RSS_KB=(\\d+)");
    private static final String NS_PREFIX = "bench-ext-";

    private ExternalServerBenchmark() {
    }

    /** One run's figures: ms from start to the first request, peak RSS in KiB, exit code, requests made. */
    record Run(double firstRequestMs, double peakRssKb, int exitCode, int requests) {
    }

    static void run(Path root, int runs, PrintStream out) throws Exception {
        Path jar = root.resolve("app-runner/target/workflow-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it: mvn -B -o -pl app-runner -am package -DskipTests");
        }
        Path work = Files.createTempDirectory("bench-external-");
        Path repo = scenarioRepository(root, work.resolve("repos/scenarios"));
        String commit = git(repo, "rev-parse", "HEAD").trim();
        Path archive = root.resolve("app-runner/target/workflow-run.jsa");
        List<String> launcher = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:MaxRAM=384m", "-XX:MaxRAMPercentage=50", "-XX:-UsePerfData"));
        if (Files.isRegularFile(archive)) {
            launcher.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        // The image's entry point (Dockerfile), with the JVM sized as under deploy/'s 384Mi memory limit.
        List<String> image = new ArrayList<>(List.of("-XX:MaxRAM=384m", "-XX:MaxRAMPercentage=50", "-XX:MaxMetaspaceSize=96m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData"));
        image.addAll(launcher.subList(5, launcher.size())); // the archive flags, if any
        List<Run> plain = new ArrayList<>();
        List<Run> flagged = new ArrayList<>();
        List<Run> limited = new ArrayList<>();
        try (MockCluster cluster = MockCluster.start();
             SimulatedChaosMesh chaos = SimulatedChaosMesh.builder(cluster).speed(600).defaultScript(TaskScript.passes(Duration.ofMinutes(1))).start()) {
            Path kubeconfig = kubeconfig(cluster.url(), work);
            // The first run warms the page cache and the server; it is left out.
            runner(cluster, jar, List.of(), repo, commit, kubeconfig, work, 0);
            for (int i = 1; i <= runs; i++) {
                plain.add(runner(cluster, jar, List.of(), repo, commit, kubeconfig, work, 3 * i - 2));
                flagged.add(runner(cluster, jar, launcher, repo, commit, kubeconfig, work, 3 * i - 1));
                limited.add(runner(cluster, jar, image, repo, commit, kubeconfig, work, 3 * i));
            }
        }
        out.printf("## 4b. The packaged runner alone against an API server in another process (%d runs each; medians)%n%n", runs);
        List<List<Run>> all = List.of(plain, flagged, limited);
        Table t = new Table("", "plain `java -jar`", "launcher flags + package-time archive",
                "the image's flags, JVM sized for a 384Mi limit (`-XX:MaxRAM=384m`)");
        t.row(cells("start to first API request (exact: the server's arrival time)",
                all.stream().map(rs -> Table.ms(median(rs, Run::firstRequestMs)) + " (max " + Table.ms(max(rs, Run::firstRequestMs)) + ")")));
        t.row(cells("peak RSS of the runner's JVM (whole passing run)",
                all.stream().map(rs -> String.format("%.0f MiB (max %.0f MiB)", median(rs, Run::peakRssKb) / 1024, max(rs, Run::peakRssKb) / 1024))));
        t.row(cells("API requests of the run (counted by the server)", all.stream().map(rs -> String.format("%.0f", median(rs, r -> r.requests())))));
        t.print(out);
        out.printf("Exit codes: %s%n%n", all.stream().map(rs -> rs.stream().map(Run::exitCode).toList()).toList());
    }

    private static Run runner(MockCluster cluster, Path jar, List<String> jvmFlags, Path repo, String commit, Path kubeconfig, Path work, int n)
            throws IOException, InterruptedException {
        String namespace = NS_PREFIX + n;
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "PEAK_RSS_KB=%M", "java"));
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-jar", jar.toString(), "run",
                "--scenario=release-test", "--scenario-repo=file://" + repo, "--scenario-ref=" + commit,
                "--bucket=" + work.resolve("bucket"), "--fallback-dir=" + work.resolve("fallback"),
                "--kubeconfig=" + kubeconfig, "--namespace=" + namespace, "--run-id=ext" + n,
                "--var=SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.1.0",
                "--var=SEITASK_IMAGE=ghcr.io/sei-protocol/seitask:" + commit.substring(0, 12),
                "--var=RELEASE_TEST_IMAGE=ghcr.io/sei-protocol/release-test:" + commit.substring(0, 12),
                "--var=SEI_CHAIN_ID=bench-chain"));
        int before = cluster.requestsFromElsewhere().size();
        Instant start = Instant.now();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        double rss = -1;
        StringBuilder err = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher m = RSS.matcher(line);
                if (m.find()) {
                    rss = Double.parseDouble(m.group(1));
                }
                err.append(line).append('\n');
            }
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException("the runner did not exit within 300 s:\n" + err);
        }
        List<ReceivedRequest> all = cluster.requestsFromElsewhere();
        List<ReceivedRequest> ours = all.subList(before, all.size());
        Optional<ReceivedRequest> first = ours.stream().findFirst();
        if (first.isEmpty() || rss < 0) {
            throw new IllegalStateException("the runner made no API request or reported no RSS (exit " + p.exitValue() + "):\n" + err);
        }
        return new Run(Duration.between(start, first.get().at()).toNanos() / 1e6, rss, p.exitValue(), ours.size());
    }

    /** A git repository holding scenarios/release-test.yaml, the example scenario, in one commit. */
    private static Path scenarioRepository(Path root, Path repo) throws IOException, InterruptedException {
        Files.createDirectories(repo.resolve("scenarios"));
        Files.copy(root.resolve("examples/scenarios/release-test/workflow.yaml"), repo.resolve("scenarios/release-test.yaml"));
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=bench", "-c", "user.email=bench@workflow-run.invalid", "commit", "-q", "-m", "scenarios");
        return repo;
    }

    private static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    private static Path kubeconfig(String apiUrl, Path dir) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, String.join("\n",
                "apiVersion: v1", "kind: Config",
                "clusters:", "- name: bench", "  cluster:", "    server: " + apiUrl,
                "contexts:", "- name: bench", "  context:", "    cluster: bench", "    user: bench",
                "current-context: bench",
                "users:", "- name: bench", "  user: {}", ""));
        return file;
    }

    private static Object[] cells(String label, java.util.stream.Stream<String> values) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(label), values).toArray();
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return Stats.of(runs.stream().map(r -> f.applyAsDouble(r)).toList()).median();
    }

    private static double max(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return runs.stream().mapToDouble(f).max().orElse(Double.NaN);
    }
}
