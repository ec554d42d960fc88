package dev.workflowrun.runner.verify;

import dev.workflowrun.domain.text.RedactedUrl;
import dev.workflowrun.domain.verify.VerifyReport;
import dev.workflowrun.domain.verify.VerifyRow;
import dev.workflowrun.runner.flags.Format;
import dev.workflowrun.runner.flags.StructuredOutput;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code verify} prints: the table, or with {@code -o json|yaml} the same rows as data with the
 * counts, the exit code and whether it ran {@code --offline}. A credential in a manifest's URL is refused
 * and masked where it is found; masking the output again is the second line of defence.
 */
public final class VerifyOutput {

    private VerifyOutput() {
    }

    public static void write(VerifyReport report, boolean offline, Format format, PrintWriter out) {
        if (format.structured()) {
            out.println(RedactedUrl.inText(StructuredOutput.render(format, model(report, offline))));
        } else {
            StringBuilder table = new StringBuilder();
            try {
                report.write(table);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.print(RedactedUrl.inText(table.toString()));
        }
        out.flush();
    }

    static Map<String, Object> model(VerifyReport report, boolean offline) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (VerifyRow.Verdict v : VerifyRow.Verdict.values()) {
            counts.put(v.name().toLowerCase(Locale.ROOT), report.count(v));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passes", report.passes());
        m.put("exitCode", VerifyExit.of(report));
        m.put("offline", offline);
        m.put("invocations", report.invocations());
        m.put("counts", counts);
        m.put("rowsNotShown", report.notShown());
        m.put("rows", rows(report.rows()));
        return m;
    }

    private static List<Map<String, Object>> rows(List<VerifyRow> rows) {
        return rows.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("verdict", r.verdict().name());
            m.put("origin", r.origin());
            m.put("scenario", r.scenario());
            m.put("rule", r.rule());
            m.put("expected", r.expected());
            m.put("actual", r.actual());
            m.put("fix", r.fix());
            return m;
        }).toList();
    }
}
