package dev.workflowrun.domain.verify;

import java.util.ArrayList;
import java.util.List;

/** Every row of a build-time verification; it passes when no row is BROKEN. */
public record VerifyReport(List<VerifyRow> rows) {

    public VerifyReport {
        rows = List.copyOf(rows);
    }

    public boolean passes() {
        return rows.stream().noneMatch(r -> r.verdict() == VerifyRow.Verdict.BROKEN);
    }

    public long count(VerifyRow.Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** A plain-text table (origin, scenario, rule, expected, actual, verdict), then the fix for each broken row. */
    public String table() {
        String[] headers = {"ORIGIN", "SCENARIO", "RULE", "EXPECTED", "ACTUAL", "VERDICT"};
        List<String[]> cells = new ArrayList<>();
        cells.add(headers);
        for (VerifyRow r : rows) {
            cells.add(new String[] {r.origin(), r.scenario(), r.rule(), oneLine(r.expected()), oneLine(r.actual()), r.verdict().name()});
        }
        int[] widths = new int[headers.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                sb.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            sb.append('\n');
        }
        List<VerifyRow> broken = rows.stream().filter(r -> r.verdict() == VerifyRow.Verdict.BROKEN).toList();
        if (!broken.isEmpty()) {
            sb.append('\n');
            for (VerifyRow r : broken) {
                sb.append("BROKEN ").append(r.origin()).append(" ").append(r.rule()).append(":\n  expected ").append(r.expected())
                        .append("\n  actual   ").append(r.actual().replace("\n", "\n  ")).append('\n');
                if (!r.fix().isEmpty()) {
                    sb.append("  fix: ").append(r.fix()).append('\n');
                }
            }
        }
        sb.append('\n').append(count(VerifyRow.Verdict.HOLDS)).append(" hold, ").append(count(VerifyRow.Verdict.BROKEN)).append(" broken, ")
                .append(count(VerifyRow.Verdict.WARNING)).append(" warning(s), ").append(count(VerifyRow.Verdict.SKIPPED)).append(" skipped\n");
        return sb.toString();
    }

    private static String oneLine(String text) {
        String first = text.lines().findFirst().orElse("");
        String shown = text.contains("\n") ? first + " ..." : first;
        return shown.length() > 72 ? shown.substring(0, 69) + "..." : shown;
    }
}
