package dev.workflowrun.domain.variables;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go and Kubernetes write them: {@code 90s}, {@code 60m}, {@code 1h30m}, {@code 500ms}.
 * Only non-negative values; a bare number without unit is rejected (Go rejects it too, except 0).
 */
public final class GoDuration {

    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:\\.[0-9]+)?(?:h|m|s|ms|us|µs|ns))+");
    private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(h|ms|m|s|us|µs|ns)");

    private GoDuration() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a duration is empty; write it as Go does, e.g. 90s, 60m or 1h30m");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + RunId.abbreviate(text)
                    + "' is not a duration; write it as Go does, e.g. 90s, 60m or 1h30m");
        }
        Matcher m = PART.matcher(text);
        double nanos = 0;
        while (m.find()) {
            double amount = Double.parseDouble(m.group(1));
            nanos += amount * switch (m.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                case "ms" -> 1e6;
                case "us", "µs" -> 1e3;
                default -> 1;
            };
        }
        if (nanos > 100L * 24 * 3_600 * 1_000_000_000L) {
            throw new IllegalArgumentException("'" + text + "' is longer than 100 days");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** Formats like Go's {@code time.Duration.String()} for whole seconds: {@code 1h30m0s} becomes {@code 1h30m}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        int ms = d.toMillisPart();
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (m > 0) {
            sb.append(m).append('m');
        }
        if (s > 0) {
            sb.append(s).append('s');
        }
        if (ms > 0) {
            sb.append(ms).append("ms");
        }
        return sb.length() == 0 ? d.toNanos() + "ns" : sb.toString();
    }
}
