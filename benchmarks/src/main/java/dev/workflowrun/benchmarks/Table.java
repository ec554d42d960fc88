package dev.workflowrun.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A Markdown table printed to stdout, so the output can be pasted into docs/BENCHMARKS.md as it is. */
final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c).replace("|", "\\|"));
        }
        rows.add(r);
        return this;
    }

    void print(PrintStream out) {
        out.println("| " + String.join(" | ", header) + " |");
        out.println("|" + "---|".repeat(header.size()));
        rows.forEach(r -> out.println("| " + String.join(" | ", r) + " |"));
        out.println();
    }

    static String ms(double ms) {
        return ms >= 100 ? String.format("%.0f ms", ms) : String.format("%.1f ms", ms);
    }

    static String ratio(double baseline, double ours) {
        if (ours <= 0) {
            return "n/a";
        }
        double r = baseline / ours;
        return r >= 100 ? String.format("%.0f×", r) : String.format("%.1f×", r);
    }
}
