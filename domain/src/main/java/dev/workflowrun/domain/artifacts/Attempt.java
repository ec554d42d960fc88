package dev.workflowrun.domain.artifacts;

import java.util.List;
import java.util.Optional;

/**
 * One attempt of a run (a CronJob retry is a new attempt of the same run id), published under
 * {@code <run prefix>attempt-<number>/} so that no attempt's evidence is ever overwritten; the
 * latest is the highest number. {@code outcome} is what its {@code run.json} says, empty when it
 * has none (the attempt was cut short before it could publish it).
 */
public record Attempt(int number, Optional<String> outcome) {

    public static final String PREFIX = "attempt-";

    public Attempt {
        if (number < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1, was " + number);
        }
    }

    /** The number the next attempt takes, after {@code earlier}. */
    public static int next(List<Attempt> earlier) {
        return earlier.stream().mapToInt(Attempt::number).max().orElse(0) + 1;
    }

    /** The attempt number of a key segment such as {@code attempt-3}, if it is one. */
    public static Optional<Integer> numberOf(String segment) {
        if (!segment.startsWith(PREFIX) || segment.length() == PREFIX.length() || segment.length() > PREFIX.length() + 6) {
            return Optional.empty();
        }
        String digits = segment.substring(PREFIX.length());
        if (!digits.chars().allMatch(Character::isDigit) || digits.startsWith("0")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(digits));
    }
}
