package dev.workflowrun.domain.verify;

import dev.workflowrun.domain.text.Printable;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A build-time verification, bounded: every BROKEN row, the other rows up to a limit, and the
 * count of every verdict. It passes when no row is BROKEN. A platform with thousands of CronJobs
 * gets a report the size of its problems, not of its estate.
 *
 * @param rows        the rows shown: all broken rows, and the others in order until the limit
 * @param counts      how many rows of each verdict there were, shown or not
 * @param notShown    rows that hold, warn or were skipped beyond the limit
 * @param invocations how many {@code workflow-run} containers were checked
 */
public record VerifyReport(List<VerifyRow> rows, Map<VerifyRow.Verdict, Long> counts, long notShown, long invocations) {

    /** Rows that are not BROKEN shown by default; broken rows are always shown. */
    public static final int DEFAULT_ROWS_SHOWN = 200;
    private static final int MAX_CELL = 72;

    public VerifyReport {
        rows = List.copyOf(rows);
        EnumMap<VerifyRow.Verdict, Long> all = new EnumMap<>(VerifyRow.Verdict.class);
        for (VerifyRow.Verdict v : VerifyRow.Verdict.values()) {
            all.put(v, counts.getOrDefault(v, 0L));
        }
        counts = Map.copyOf(all);
    }

    /** A report of exactly these rows, all shown. */
    public VerifyReport(List<VerifyRow> rows) {
        this(rows, countOf(rows), 0, rows.stream().map(VerifyRow::origin).distinct().count());
    }

    private static Map<VerifyRow.Verdict, Long> countOf(List<VerifyRow> rows) {
        Map<VerifyRow.Verdict, Long> counts = new EnumMap<>(VerifyRow.Verdict.class);
        rows.forEach(r -> counts.merge(r.verdict(), 1L, Long::sum));
        return counts;
    }

    public boolean passes() {
        return count(VerifyRow.Verdict.BROKEN) == 0;
    }

    public long count(VerifyRow.Verdict verdict) {
        return counts.getOrDefault(verdict, 0L);
    }

    /** A plain-text table (origin, scenario, rule, expected, actual, verdict), then the fix for each broken row. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        try {
            write(sb);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** Writes {@link #table()} to {@code out}; cells are one line and at most {@value #MAX_CELL} characters, so the width is bounded. */
    public void write(Appendable out) throws java.io.IOException {
        String[] headers = {"ORIGIN", "SCENARIO", "RULE", "EXPECTED", "ACTUAL", "VERDICT"};
        List<String[]> cells = new ArrayList<>();
        cells.add(headers);
        for (VerifyRow r : rows) {
            cells.add(new String[] {originCell(r.origin()), cell(r.scenario()), cell(r.rule()), cell(r.expected()), cell(r.actual()), r.verdict().name()});
        }
        int[] widths = new int[headers.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line).append('\n');
        }
        if (notShown > 0) {
            out.append("... ").append(Long.toString(notShown)).append(" more row(s) that hold, warn or were skipped are not shown"
                    + " (every broken row is); --rows=<n> shows more\n");
        }
        boolean first = true;
        for (VerifyRow r : rows) {
            if (r.verdict() != VerifyRow.Verdict.BROKEN) {
                continue;
            }
            if (first) {
                out.append('\n');
                first = false;
            }
            out.append("BROKEN ").append(Printable.of(r.origin())).append(" ").append(Printable.of(r.rule())).append(":\n  expected ")
                    .append(Printable.of(r.expected())).append("\n  actual   ").append(multiLine(r.actual())).append('\n');
            if (!r.fix().isEmpty()) {
                out.append("  fix: ").append(Printable.of(r.fix())).append('\n');
            }
        }
        out.append('\n').append(Long.toString(invocations)).append(" workflow-run container(s) checked: ")
                .append(Long.toString(count(VerifyRow.Verdict.HOLDS))).append(" hold, ")
                .append(Long.toString(count(VerifyRow.Verdict.BROKEN))).append(" broken, ")
                .append(Long.toString(count(VerifyRow.Verdict.WARNING))).append(" warning(s), ")
                .append(Long.toString(count(VerifyRow.Verdict.SKIPPED))).append(" skipped\n");
    }

    private static String multiLine(String text) {
        List<String> lines = new ArrayList<>();
        text.lines().forEach(l -> lines.add(Printable.of(l)));
        return String.join("\n  ", lines);
    }

    /** An origin keeps its end, where the CronJob's name is. */
    private static String originCell(String origin) {
        String shown = Printable.of(origin.lines().findFirst().orElse(""));
        return shown.length() > 2 * MAX_CELL ? "..." + shown.substring(shown.length() - 2 * MAX_CELL + 3) : shown;
    }

    private static String cell(String text) {
        String first = text.lines().findFirst().orElse("");
        String shown = Printable.of(text.contains("\n") ? first + " ..." : first);
        return shown.length() > MAX_CELL ? shown.substring(0, MAX_CELL - 3) + "..." : shown;
    }
}
