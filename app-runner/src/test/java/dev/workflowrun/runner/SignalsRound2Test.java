package dev.workflowrun.runner;

import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.runner.signals.SignalHandling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Round 2: signals before the run starts and after it finished (defect #21). */
class SignalsRound2Test {

    @TempDir
    Path dir;

    private final CompletableFuture<Integer> exited = new CompletableFuture<>();

    @Test
    void aSignalBeforeTheRunIsHeldAndTheRunStartsCancelled() {
        SignalHandling signals = new SignalHandling(exited::complete);
        signals.receive("SIGTERM");
        Cancellation cancellation = new Cancellation();
        try (SignalHandling.Scope scope = signals.watch(cancellation, Duration.ofMinutes(5), () -> { }, new PrintWriter(new StringWriter()))) {
            assertThat(cancellation.reason()).contains("SIGTERM");
        }
        assertThat(exited).isNotDone();
    }

    @Test
    void aSignalAfterTheRunFinishedIsSaidAndKeepsTheExitCode() {
        SignalHandling signals = new SignalHandling(exited::complete);
        StringWriter err = new StringWriter();
        signals.watch(new Cancellation(), Duration.ofMillis(1), () -> { }, new PrintWriter(err)).close();
        signals.receive("SIGTERM");
        signals.receive("SIGTERM");
        assertThat(exited).isNotDone();
        assertThat(err.toString()).contains("received SIGTERM after the run finished; keeping its exit code");
    }

    /** The real thing: before the fix the previous (default) handler was restored and this SIGTERM ended the JVM with 143. */
    @Test
    void aRealSigtermAfterTheRunFinishedDoesNotEndTheProcess() throws Exception {
        SignalHandling signals = new SignalHandling(exited::complete);
        StringWriter err = new StringWriter();
        signals.watch(new Cancellation(), Duration.ofMinutes(5), () -> { }, new PrintWriter(err)).close();
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(ProcessHandle.current().pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).isTrue();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!err.toString().contains("after the run finished") && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(err.toString()).contains("received SIGTERM after the run finished; keeping its exit code");
        assertThat(exited).isNotDone();
    }

    @Test
    void aSigtermDuringSandboxStartUpExits4AndLeavesNoTemporaryDirectory() throws Exception {
        RunnerComponent component = WorkflowRun.component(exited::complete);
        List<Path> before = sandboxDirs();
        component.signals().installEarly();
        component.signals().receive("SIGTERM");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = WorkflowRun.run(component, new PrintWriter(out), new PrintWriter(err), "sandbox", "--runs-dir=" + dir.resolve("runs"));

        assertThat(code).as(err.toString()).isEqualTo(4);
        assertThat(err.toString()).contains("during start-up; nothing was started");
        assertThat(sandboxDirs()).as("temporary directories of the sandbox").containsExactlyInAnyOrderElementsOf(before);
        assertThat(exited).isNotDone();
    }

    private static List<Path> sandboxDirs() throws Exception {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("workflow-run-sandbox-")).toList();
        }
    }
}
