package dev.workflowrun.domain.deadline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlineEdgesTest {

    private static final Optional<Duration> NONE = Optional.empty();
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void aZeroOrNegativeDeadlineOnEitherSideIsRefused() {
        assertThatThrownBy(() -> new Deadlines(Duration.ZERO, MINUTE)).hasMessage("deadlines must be positive (soft 0s, hard 1m)");
        assertThatThrownBy(() -> new Deadlines(MINUTE.negated(), MINUTE)).hasMessageStartingWith("deadlines must be positive");
        assertThatThrownBy(() -> new Deadlines(MINUTE, Duration.ZERO)).hasMessageStartingWith("deadlines must be positive");
        assertThatThrownBy(() -> new Deadlines(MINUTE, MINUTE.negated())).hasMessageStartingWith("deadlines must be positive");
    }

    @Test
    void softMayEqualHard() {
        assertThat(new Deadlines(MINUTE, MINUTE)).extracting(Deadlines::soft, Deadlines::hard).containsExactly(MINUTE, MINUTE);
    }

    @Test
    void aSoftDeadlineAfterTheHardOneIsRefusedNamingBoth() {
        assertThatThrownBy(() -> new Deadlines(Duration.ofMinutes(61), Duration.ofMinutes(60)))
                .hasMessage("the soft deadline 1h1m is after the hard deadline 1h; make --soft-deadline at most --hard-deadline");
    }

    @Test
    void aSoftFlagAloneGetsTheDefaultMarginForTheHardDeadline() {
        Deadlines d = Deadlines.resolve(Optional.of(Duration.ofMinutes(20)), NONE, NONE);

        assertThat(d).isEqualTo(new Deadlines(Duration.ofMinutes(20), Duration.ofMinutes(30)));
    }

    @Test
    void aHardFlagAloneIsAlsoTheSoftDeadline() {
        Deadlines d = Deadlines.resolve(NONE, Optional.of(Duration.ofMinutes(45)), NONE);

        assertThat(d).isEqualTo(new Deadlines(Duration.ofMinutes(45), Duration.ofMinutes(45)));
    }

    @Test
    void aSoftFlagIsNeverPulledDownToTheHardFlag() {
        assertThatThrownBy(() -> Deadlines.resolve(Optional.of(Duration.ofMinutes(50)), Optional.of(Duration.ofMinutes(40)), NONE))
                .hasMessageContaining("make --soft-deadline at most --hard-deadline");
    }

    @Test
    void aSoftFlagWinsOverTheEntryDeadlineWhichStillSetsTheHardOne() {
        Deadlines d = Deadlines.resolve(Optional.of(Duration.ofMinutes(30)), NONE, Optional.of(Duration.ofMinutes(60)));

        assertThat(d).isEqualTo(new Deadlines(Duration.ofMinutes(30), Duration.ofMinutes(70)));
    }

    @Test
    void anEntryDeadlineEqualToTheHardFlagIsKept() {
        Deadlines d = Deadlines.resolve(NONE, Optional.of(Duration.ofMinutes(60)), Optional.of(Duration.ofMinutes(60)));

        assertThat(d).isEqualTo(new Deadlines(Duration.ofMinutes(60), Duration.ofMinutes(60)));
    }

    @Test
    void bothDeadlinesAreWrittenAsGoDurations() {
        assertThat(new Deadlines(Duration.ofMinutes(90), Duration.ofMinutes(100))).hasToString("soft 1h30m, hard 1h40m");
    }

    @Test
    void theOneShotWarningSaysWhetherThisCallFiredIt() {
        OneShotWarning w = new OneShotWarning();
        AtomicInteger ran = new AtomicInteger();

        assertThat(w.fired()).isFalse();
        assertThat(w.fire(ran::incrementAndGet)).isTrue();
        assertThat(w.fire(ran::incrementAndGet)).isFalse();
        assertThat(ran).hasValue(1);
        assertThat(w.fired()).isTrue();
    }
}
