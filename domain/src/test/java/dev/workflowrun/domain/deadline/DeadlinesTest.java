package dev.workflowrun.domain.deadline;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadlinesTest {

    private static final Optional<Duration> NONE = Optional.empty();

    @Test
    void defaultsComeFromTheEntryDeadline() {
        Deadlines d = Deadlines.resolve(NONE, NONE, Optional.of(Duration.ofMinutes(90)));
        assertThat(d.soft()).isEqualTo(Duration.ofMinutes(90));
        assertThat(d.hard()).isEqualTo(Duration.ofMinutes(100));
    }

    @Test
    void flagsWin() {
        Deadlines d = Deadlines.resolve(Optional.of(Duration.ofMinutes(60)), Optional.of(Duration.ofMinutes(75)), Optional.of(Duration.ofMinutes(90)));
        assertThat(d).isEqualTo(new Deadlines(Duration.ofMinutes(60), Duration.ofMinutes(75)));
    }

    @Test
    void aHardFlagBelowTheEntryDeadlinePullsTheSoftOneDown() {
        Deadlines d = Deadlines.resolve(NONE, Optional.of(Duration.ofMinutes(30)), Optional.of(Duration.ofMinutes(60)));
        assertThat(d.soft()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void anUnboundedRunIsRefused() {
        assertThatThrownBy(() -> Deadlines.resolve(NONE, NONE, NONE)).hasMessageContaining("pass --hard-deadline");
        assertThatThrownBy(() -> new Deadlines(Duration.ofMinutes(80), Duration.ofMinutes(70))).hasMessageContaining("make --soft-deadline at most --hard-deadline");
    }

    @Test
    void theOneShotWarningFiresOnce() {
        OneShotWarning w = new OneShotWarning();
        AtomicInteger fired = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            w.fire(fired::incrementAndGet);
        }
        assertThat(fired).hasValue(1);
        assertThat(w.fired()).isTrue();
    }
}
