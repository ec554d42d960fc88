package dev.workflowrun.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sandbox process ends when its run is done: nothing it started (the embedded API server, its
 * watch threads, the simulated controller, the garbage collector, the runner's own clients) keeps
 * the JVM alive. One process in about 25 used not to exit; twenty in a row must all exit.
 */
class SandboxProcessExitTest {

    private static final int RUNS = 20;
    private static final long EXIT_BOUND_SECONDS = 60;

    @Test
    void twenty_sandbox_processes_in_a_row_each_exit_after_their_run(@TempDir Path work) throws Exception {
        List<String> hung = new ArrayList<>();
        for (int i = 1; i <= RUNS; i++) {
            Path log = work.resolve("sandbox-" + i + ".log");
            Process p = new ProcessBuilder(command(work.resolve("runs-" + i)))
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = p.waitFor(EXIT_BOUND_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                hung.add("run " + i + " (threads: " + threadDump(p) + "), log " + tail(log));
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                continue;
            }
            assertThat(p.exitValue()).as("run %d exit code; log: %s", i, tail(log)).isZero();
            assertThat(Files.readString(log)).as("run %d", i).contains("passed");
        }
        assertThat(hung).as("sandbox processes that did not exit within %d s", EXIT_BOUND_SECONDS).isEmpty();
    }

    private static List<String> command(Path runs) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), WorkflowRun.class.getName(),
                // 1,000: a simulated minute in 60 ms. The scenario's hard deadline is then 4.2 s, 1.5 s more than its Tasks take; at
                // 3,000 it was 0.3 s more, which a machine running two builds at once took up (TIMED_OUT, not a process left behind).
                "sandbox", "--speed=1000", "--runs-dir=" + runs);
    }

    private static String threadDump(Process p) {
        try {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(p.pid())).redirectErrorStream(true).start();
            String dump = new String(jstack.getInputStream().readAllBytes());
            jstack.waitFor(20, TimeUnit.SECONDS);
            return dump;
        } catch (IOException | InterruptedException e) {
            return "unavailable (" + e + ")";
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
