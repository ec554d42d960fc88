package dev.workflowrun.runner.signals;

import dev.workflowrun.domain.signal.Cancellation;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SignalHandlingTest {

    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final AtomicInteger flushes = new AtomicInteger();
    private final SignalHandling signals = new SignalHandling(exited::complete);

    @Test
    void theFirstSignalCancelsTheRunAndLeavesItToFinish() {
        Cancellation cancellation = new Cancellation();
        try (SignalHandling.Scope scope = signals.watch(cancellation, Duration.ofMinutes(5), flushes::incrementAndGet, new PrintWriter(err))) {
            scope.deliver("SIGTERM");
            assertThat(cancellation.reason()).contains("SIGTERM");
        }
        assertThat(exited).isNotDone();
        assertThat(flushes).hasValue(0);
        assertThat(err.toString()).contains("received SIGTERM", "send it again");
    }

    @Test
    void aSecondSignalFlushesLocallyAndExits4AtOnce() throws Exception {
        Cancellation cancellation = new Cancellation();
        try (SignalHandling.Scope scope = signals.watch(cancellation, Duration.ofMinutes(5), flushes::incrementAndGet, new PrintWriter(err))) {
            scope.deliver("SIGTERM");
            scope.deliver("SIGINT");
            assertThat(exited.get(10, TimeUnit.SECONDS)).isEqualTo(4);
            assertThat(flushes).hasValue(1);
        }
    }

    @Test
    void aRunThatOverrunsTheGraceIsEndedWith4AfterALocalFlush() throws Exception {
        Cancellation cancellation = new Cancellation();
        try (SignalHandling.Scope scope = signals.watch(cancellation, Duration.ofMillis(1), flushes::incrementAndGet, new PrintWriter(err))) {
            scope.deliver("SIGTERM");
            // The run never returns here: the watchdog must end it.
            assertThat(exited.get(10, TimeUnit.SECONDS)).isEqualTo(4);
            assertThat(flushes).hasValue(1);
            assertThat(err.toString()).contains("grace");
        }
    }

    @Test
    void aSignalAfterTheRunFinishedDoesNothing() {
        Cancellation cancellation = new Cancellation();
        SignalHandling.Scope scope = signals.watch(cancellation, Duration.ofMinutes(5), flushes::incrementAndGet, new PrintWriter(err));
        scope.close();
        scope.deliver("SIGTERM");
        scope.deliver("SIGTERM");
        assertThat(exited).isNotDone();
        assertThat(flushes).hasValue(0);
    }
}
