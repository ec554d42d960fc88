package dev.workflowrun.runner.flags;

import dev.workflowrun.domain.variables.GoDuration;
import picocli.CommandLine;

import java.time.Duration;

/** Flag value types, parsed once at the edge. */
public final class Converters {

    private Converters() {
    }

    /** Go durations as the scenarios write them: {@code 90s}, {@code 60m}, {@code 1h30m}. */
    public static final class GoDurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration d = GoDuration.parse(value);
                if (d.isNegative() || d.isZero()) {
                    throw new CommandLine.TypeConversionException("'" + value + "' must be a positive duration such as 90s, 60m or 1h30m");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; write it as Go does: 90s, 60m, 1h30m");
            }
        }
    }
}
