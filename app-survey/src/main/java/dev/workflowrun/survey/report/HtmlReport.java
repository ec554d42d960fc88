package dev.workflowrun.survey.report;

import dev.workflowrun.survey.diff.WrapperDiffs;
import dev.workflowrun.survey.model.Decision;
import dev.workflowrun.survey.model.Finding;
import dev.workflowrun.survey.model.KnobClass;
import dev.workflowrun.survey.model.KnobRow;
import dev.workflowrun.survey.model.KnobValue;
import dev.workflowrun.survey.model.OpKind;
import dev.workflowrun.survey.model.Operation;
import dev.workflowrun.survey.model.PairDiff;
import dev.workflowrun.survey.model.ScenarioFacts;
import dev.workflowrun.survey.model.SurveyModel;

import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/** {@code survey.html}: one self-contained page (inline CSS, no scripts, no external resources). */
public final class HtmlReport {

    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            .wide{overflow-x:auto;max-width:100%}
            table{border-collapse:collapse;margin:1em 0;font-size:13px}
            td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}
            th{background:#f2f2f2}
            code,pre{font-family:ui-monospace,monospace;font-size:12px}
            .universal-constant{background:#e8f5e9}.universal-varying{background:#e3f2fd}
            .scenario-intrinsic{background:#fff8e1}.yagni{background:#eeeeee;color:#666}.drift{background:#ffebee}
            .yag{color:#777;font-style:italic}.missing{background:#ffcdd2}
            .PROMOTE{color:#1b5e20}.KEEP{color:#b71c1c}
            .diff{table-layout:fixed;width:100%}
            .diff td{font-family:ui-monospace,monospace;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere;width:50%;border:none;padding:0 6px}
            .fired{font-weight:bold}.passed{color:#1b5e20}
            .CHANGE{background:#fff3cd}.DELETE{background:#ffebee}.INSERT{background:#e8f5e9}
            """;

    private static final int DIFF_WINDOW = 64;

    private HtmlReport() {
    }

    /** The page as one string. */
    public static String render(SurveyModel m) {
        return TextOut.render(o -> render(m, o));
    }

    /** Writes the page to {@code w} as it is rendered. */
    public static void write(SurveyModel m, Writer w) throws IOException {
        TextOut.write(w, o -> render(m, o));
    }

    private static void render(SurveyModel m, TextOut o) {
        o.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Survey checkpoint</title><style>\n").append(CSS)
                .append("</style></head><body>\n");
        Decision d = m.decision();
        o.append("<h1>Survey checkpoint: ").append(m.scenarios().size()).append(" scenarios</h1>\n");
        o.append("<h2 class=\"").append(d.verdict()).append("\">Decision: ").append(d.verdict())
                .append(d.premature() ? " (premature)" : "").append("</h2>\n<ul>\n");
        o.append("<li>Confidence: <b>").append(esc(d.confidence().level())).append("</b> (").append(esc(d.confidence().why()))
                .append(")</li>\n");
        o.append("</ul>\n<h3>Decision rules, every one checked</h3>\n");
        o.append("<p>A keep-rule that fires keeps the wrapper bash; a promote-rule that fires is a reason to promote. "
                + "Rules that passed are listed too, so the page shows what was checked, not only what fired.</p>\n");
        o.append("<table><tr><th>rule</th><th>kind</th><th>result</th><th>evidence</th></tr>\n");
        for (Decision.Check c : d.checks()) {
            String state = c.fired() ? "fired" : "passed";
            o.append("<tr class=\"").append(state).append("\"><td>").append(esc(c.rule())).append("</td><td>")
                    .append(c.forPromote() ? "promote-rule" : "keep-rule").append("</td><td>").append(state).append("</td><td>")
                    .append(esc(c.result())).append("</td></tr>\n");
        }
        o.append("</table>\n");
        risks(o, m);
        o.append("<h3>Flags of the typed interface</h3>\n<ul>\n");
        d.flags().forEach(f -> o.append("<li><code>").append(esc(f)).append("</code></li>\n"));
        o.append("</ul>\n<h2>Legend</h2>\n<table><tr>");
        for (KnobClass c : KnobClass.values()) {
            o.append("<td class=\"").append(c.label()).append("\">").append(c.label()).append(": ").append(esc(c.meaning())).append("</td>");
        }
        o.append("</tr></table>\n<h2>Operations</h2>\n<div class=\"wide\"><table><tr><th>#</th><th>operation</th>");
        m.names().forEach(n -> o.append("<th>").append(esc(n)).append("</th>"));
        o.append("</tr>\n");
        for (OpKind k : OpKind.values()) {
            o.append("<tr><td>").append(k.number()).append("</td><td>").append(esc(k.label())).append("</td>");
            for (ScenarioFacts s : m.scenarios()) {
                Optional<Operation> op = s.operations().stream().filter(x -> x.kind() == k).findFirst();
                o.append(op.map(x -> "<td>" + esc(x.how()) + " <small>" + MarkdownReport.lines(x.lines()) + "</small></td>")
                        .orElse("<td class=\"missing\">missing</td>"));
            }
            o.append("</tr>\n");
        }
        o.append("</table></div>\n<h2>Variance matrix</h2>\n<div class=\"wide\"><table><tr><th>knob</th><th>class</th>");
        m.names().forEach(n -> o.append("<th>").append(esc(n)).append("</th>"));
        o.append("<th>becomes</th></tr>\n");
        for (KnobRow k : m.knobs()) {
            o.append("<tr class=\"").append(k.knobClass().label()).append("\"><td><code>").append(esc(k.name())).append("</code></td><td>")
                    .append(k.knobClass().label()).append("</td>");
            for (String n : m.names()) {
                KnobValue v = k.values().get(n);
                o.append("<td>").append(v == null ? "-" : "<code>" + esc(v.value()) + "</code> <small>" + esc(v.at()) + "</small>"
                        + (v.isYagni() ? "<br><span class=\"yag\">YAGNI: " + esc(v.yagni()) + "</span>" : "")
                        + (v.atDefault() ? "<br><span class=\"yag\">wrapper default</span>" : "")).append("</td>");
            }
            o.append("<td>").append(esc(k.becomes())).append("</td></tr>\n");
        }
        o.append("</table></div>\n");
        findings(o, "Drift findings", m.drift());
        findings(o, "SHA-drift findings", m.shaDrift());
        o.append("<h2>Side-by-side diffs (normalised)</h2>\n");
        // Each pair's table is built on its own (in parallel: at N = 3,000 there are 2,999) and written in the model's
        // order, a window at a time, so that only a window's tables are held in memory.
        Map<String, ScenarioFacts> byName = new HashMap<>();
        m.scenarios().forEach(s -> byName.put(s.name(), s));
        List<PairDiff> diffs = m.diffs();
        for (int from = 0; from < diffs.size(); from += DIFF_WINDOW) {
            diffs.subList(from, Math.min(diffs.size(), from + DIFF_WINDOW)).parallelStream()
                    .map(p -> sideBySide(p, byName.get(p.left()), byName.get(p.right()))).toList().forEach(o::append);
        }
        o.append("</body></html>\n");
    }

    /** What could go wrong with the decision or the migration, from the same facts the rules read. */
    private static void risks(TextOut o, SurveyModel m) {
        Decision d = m.decision();
        List<String> risks = new java.util.ArrayList<>();
        if (d.premature()) {
            risks.add("Fewer than three scenarios: the checkpoint is premature, a fourth scenario may bring what these do not show.");
        }
        if (!d.confidence().level().equals("high")) {
            risks.add("Confidence " + d.confidence().level() + ": " + d.confidence().why() + ".");
        }
        d.confidence().notUnderstood().forEach(u -> risks.add("Not understood, so not weighed: " + u));
        d.extraSteps().forEach(x -> risks.add("A wrapper step that moves elsewhere; check its new home does the same: " + x));
        d.notExposed().stream().filter(x -> x.contains("(yagni)"))
                .forEach(x -> risks.add("Dropped as YAGNI, no flag: " + x + "; if a job still needs it, it becomes a --var"));
        m.shaDrift().forEach(f -> risks.add("Until the CronJobs are migrated, " + f.title() + " (" + String.join(", ", f.scenarios()) + ")."));
        long atDefault = m.knobs().stream().flatMap(k -> k.values().values().stream()).filter(KnobValue::atDefault).count();
        if (atDefault > 0) {
            risks.add(atDefault + " value(s) come from a wrapper's default, not from the CronJob: the migration writes them down explicitly;"
                    + " check each is what the nightly job means.");
        }
        risks.add("The wrappers' differences below are what the typed CronJobs must keep; a line only one wrapper has is a behaviour"
                + " that is lost unless a flag or the scenario carries it.");
        o.append("<h3>Risks</h3>\n<ul>\n");
        risks.forEach(r -> o.append("<li>").append(esc(r)).append("</li>\n"));
        o.append("</ul>\n");
    }

    private static String sideBySide(PairDiff p, ScenarioFacts a, ScenarioFacts b) {
        StringBuilder o = new StringBuilder();
        o.append("<h3>").append(esc(p.left())).append(" vs ").append(esc(p.right())).append(" (similarity ")
                .append(String.format(Locale.ROOT, "%.3f", p.similarity())).append(")</h3>\n<table class=\"diff\">\n");
        for (String[] row : WrapperDiffs.sideBySide(a, b)) {
            // The diff library writes its rows HTML-escaped already: escaping them again showed "&lt;" on the page.
            o.append("<tr class=\"").append(row[2]).append("\"><td>").append(row[0]).append("</td><td>").append(row[1])
                    .append("</td></tr>\n");
        }
        return o.append("</table>\n").toString();
    }

    private static void findings(TextOut o, String title, List<Finding> findings) {
        o.append("<h2>").append(title).append("</h2>\n");
        if (findings.isEmpty()) {
            o.append("<p>None.</p>\n");
            return;
        }
        o.append("<table><tr><th>finding</th><th>scenarios</th><th>evidence</th><th>fix</th></tr>\n");
        for (Finding f : findings) {
            o.append("<tr class=\"drift\"><td><code>").append(esc(f.id())).append("</code><br>").append(esc(f.title())).append("</td><td>")
                    .append(esc(String.join(", ", f.scenarios()))).append("</td><td>")
                    .append(String.join("<br>", f.evidence().stream().map(HtmlReport::esc).toList())).append("</td><td>")
                    .append(esc(f.fix())).append("</td></tr>\n");
        }
        o.append("</table>\n");
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
