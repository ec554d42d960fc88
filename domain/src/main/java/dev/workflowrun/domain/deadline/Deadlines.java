package dev.workflowrun.domain.deadline;

import dev.workflowrun.domain.variables.GoDuration;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The soft deadline (warn once when passed) and the hard deadline (abort), both measured from
 * the moment the Workflow was applied or adopted.
 *
 * <p>Defaults follow the user's wrappers: the soft deadline is the scenario's entry
 * {@code deadline} (the wrapper warned at the 60m inner deadline); the hard deadline leaves the
 * controller {@link #DEFAULT_HARD_MARGIN} past that to report its own {@code DeadlineExceed}
 * before the runner aborts.
 */
public record Deadlines(Duration soft, Duration hard) {

    public static final Duration DEFAULT_HARD_MARGIN = Duration.ofMinutes(10);

    public Deadlines {
        Objects.requireNonNull(soft, "soft");
        Objects.requireNonNull(hard, "hard");
        if (soft.isNegative() || soft.isZero() || hard.isNegative() || hard.isZero()) {
            throw new IllegalArgumentException("deadlines must be positive (soft " + GoDuration.format(soft) + ", hard " + GoDuration.format(hard) + ")");
        }
        if (soft.compareTo(hard) > 0) {
            throw new IllegalArgumentException("the soft deadline " + GoDuration.format(soft) + " is after the hard deadline "
                    + GoDuration.format(hard) + "; make --soft-deadline at most --hard-deadline");
        }
    }

    /**
     * Deadlines from flags, falling back on the scenario's entry deadline.
     *
     * @throws IllegalArgumentException when neither the flags nor the scenario bound the run
     */
    public static Deadlines resolve(Optional<Duration> softFlag, Optional<Duration> hardFlag, Optional<Duration> entryDeadline) {
        Optional<Duration> soft = softFlag.or(() -> entryDeadline);
        Optional<Duration> hard = hardFlag.or(() -> entryDeadline.map(d -> d.plus(DEFAULT_HARD_MARGIN)));
        if (hard.isEmpty() && soft.isPresent()) {
            hard = Optional.of(soft.get().plus(DEFAULT_HARD_MARGIN));
        }
        if (soft.isEmpty() && hard.isPresent()) {
            soft = hard;
        }
        if (soft.isEmpty()) {
            throw new IllegalArgumentException("the scenario's entry template has no deadline and no --hard-deadline was given;"
                    + " pass --hard-deadline (e.g. 90m) so the run is bounded");
        }
        if (softFlag.isEmpty() && soft.get().compareTo(hard.get()) > 0) {
            soft = hard;
        }
        return new Deadlines(soft.get(), hard.get());
    }

    @Override
    public String toString() {
        return "soft " + GoDuration.format(soft) + ", hard " + GoDuration.format(hard);
    }
}
