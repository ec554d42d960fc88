package dev.workflowrun.domain.signal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The signal the runner stops on (invariant 2's SIGTERM path): the first reason wins, and a waiter wakes at once. */
class CancellationTest {

    @Test
    void theFirstReasonWinsAndOnlyTheFirstCallCancels() throws InterruptedException {
        Cancellation c = new Cancellation();

        assertThat(c.isCancelled()).isFalse();
        assertThat(c.reason()).isEmpty();
        assertThat(c.await(1)).isFalse();
        assertThat(c.cancel("SIGTERM")).isTrue();
        assertThat(c.cancel("SIGINT")).isFalse();
        assertThat(c.isCancelled()).isTrue();
        assertThat(c.reason()).contains("SIGTERM");
        assertThat(c.await(0)).isTrue();
    }

    @Test
    void aWaiterWakesAsSoonAsTheRunIsCancelled() throws InterruptedException {
        Cancellation c = new Cancellation();
        Thread signal = new Thread(() -> c.cancel("SIGTERM"));
        long start = System.nanoTime();
        signal.start();

        assertThat(c.await(10_000)).isTrue();
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        signal.join();
    }
}
