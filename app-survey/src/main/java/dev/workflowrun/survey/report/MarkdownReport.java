package dev.workflowrun.survey.report;

import dev.workflowrun.survey.model.Decision;
import dev.workflowrun.survey.model.ExtraStep;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code checkpoint.md}: the write-up a reviewer reads, decision first. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    /** The write-up as one string. */
    public static String render(SurveyModel m) {
        return TextOut.render(o -> render(m, o));
    }

    /** Writes the write-up to {@code w} as it is rendered. */
    public static void write(SurveyModel m, Writer w) throws IOException {
        TextOut.write(w, o -> render(m, o));
    }

    private static void render(SurveyModel m, TextOut o) {
        List<String> names = m.names();
        o.append("# Survey checkpoint: ").append(names.size()).append(" Workflow-based scenario").append(names.size() == 1 ? "" : "s")
                .append("\n\n");
        o.append("Surveyed: ").append(String.join(", ", names.stream().map(n -> "`" + n + "`").toList())).append(
                ". Each scenario directory holds `workflow.yaml`, `wrapper.sh` and `cronjob.yaml`; line numbers below refer to those files.\n\n");
        decision(o, m.decision());
        o.append("## Summary\n\n");
        o.append("| class | knobs | meaning |\n|---|---|---|\n");
        for (KnobClass c : KnobClass.values()) {
            long count = m.knobs().stream().filter(k -> k.knobClass() == c).count();
            o.append("| ").append(c.label()).append(" | ").append(count).append(" | ").append(cell(c.meaning())).append(" |\n");
        }
        o.append("\n").append(m.drift().size()).append(" drift finding(s), ").append(m.shaDrift().size()).append(" SHA-drift finding(s), ")
                .append(m.scenarios().stream().filter(ScenarioFacts::partial).count()).append(" partially parsed wrapper(s).");
        if (!m.diffs().isEmpty()) {
            double lo = m.diffs().stream().mapToDouble(PairDiff::similarity).min().orElse(0);
            double hi = m.diffs().stream().mapToDouble(PairDiff::similarity).max().orElse(0);
            long complete = m.scenarios().stream().filter(s -> s.operations().size() == OpKind.values().length).count();
            o.append(" Normalised textual similarity between wrappers is ").append(String.format(Locale.ROOT, "%.3f-%.3f", lo, hi))
                    .append(", while ").append(complete).append(" of ").append(m.scenarios().size())
                    .append(" perform all seven operations: the differences are in how, not in what.");
        }
        o.append("\n\n");
        operations(o, m);
        knobs(o, m);
        findings(o, "## Drift findings", m.drift());
        findings(o, "## SHA-drift findings", m.shaDrift());
        extras(o, m);
        problems(o, m);
        diffs(o, m);
    }

    private static void decision(TextOut o, Decision d) {
        o.append("## Decision: ").append(d.verdict()).append(d.premature() ? " (premature checkpoint)" : "").append("\n\n");
        o.append(d.verdict() == Decision.Verdict.PROMOTE
                ? "Promote the per-scenario wrapper bash to one typed `workflow-run` invocation and migrate every scenario.\n\n"
                : "Keep the per-scenario wrapper bash for now; document the variance below.\n\n");
        o.append("Decision rules (checked in order; any KEEP rule that fires wins, otherwise PROMOTE):\n\n");
        for (String rule : dev.workflowrun.survey.decide.DecisionRules.RULES) {
            o.append("- ").append(rule).append("\n");
        }
        o.append("\nConfidence: **").append(d.confidence().level()).append("** (").append(d.confidence().why()).append(").\n");
        o.append("\nRules checked:\n\n");
        for (Decision.Check c : d.checks()) {
            o.append("- **").append(c.rule()).append("** ").append(c.fired() ? (c.rule().startsWith("R8") ? "(lowers confidence)"
                    : c.forPromote() ? "(promote)" : "(keep)") : "(passed)").append(": ").append(c.result()).append("\n");
            List<String> evidence = c.rule().startsWith("R8") ? d.confidence().notUnderstood()
                    : d.reasons().stream().filter(r -> r.rule().equals(c.rule())).findFirst().map(Decision.Reason::evidence).orElse(List.of());
            for (String e : evidence) {
                o.append("  - ").append(e).append("\n");
            }
        }
        o.append("\n### The typed interface\n\nFlags it must expose:\n\n");
        d.flags().forEach(f -> o.append("- `").append(f.replaceFirst(" \\(", "` (")).append(f.contains(" (") ? "" : "`").append("\n"));
        o.append("\nKnobs it must not expose:\n\n");
        d.notExposed().forEach(f -> o.append("- ").append(f).append("\n"));
        o.append("\nExtra steps and where they live:\n\n");
        if (d.extraSteps().isEmpty()) {
            o.append("- none\n");
        }
        d.extraSteps().forEach(f -> o.append("- ").append(f).append("\n"));
        o.append("\n");
    }

    private static void operations(TextOut o, SurveyModel m) {
        o.append("## Operations matrix\n\n| # | operation |");
        m.names().forEach(n -> o.append(" ").append(n).append(" |"));
        o.append("\n|---|---|");
        m.names().forEach(n -> o.append("---|"));
        o.append("\n");
        for (OpKind k : OpKind.values()) {
            o.append("| ").append(k.number()).append(" | ").append(k.label()).append(" |");
            for (ScenarioFacts s : m.scenarios()) {
                Optional<Operation> op = s.operations().stream().filter(x -> x.kind() == k).findFirst();
                o.append(" ").append(op.map(x -> cell(x.how()) + " (" + lines(x.lines()) + ")").orElse("**missing**")).append(" |");
            }
            o.append("\n");
        }
        o.append("\nOrder of execution (function bodies inlined where called, EXIT traps last):\n\n");
        for (ScenarioFacts s : m.scenarios()) {
            o.append("- ").append(s.name()).append(": ").append(String.join(" > ", s.sequence())).append("\n");
        }
        o.append("\n");
    }

    static String lines(List<Integer> lines) {
        return "wrapper.sh:" + String.join(",", lines.stream().distinct().map(String::valueOf).toList());
    }

    private static void knobs(TextOut o, SurveyModel m) {
        o.append("## Knobs\n\nEach cell is the value with its source (`file:line`); *YAGNI* marks a value the scenario never needs.\n\n");
        o.append("| knob | class |");
        m.names().forEach(n -> o.append(" ").append(n).append(" |"));
        o.append(" becomes |\n|---|---|");
        m.names().forEach(n -> o.append("---|"));
        o.append("---|\n");
        List<String> names = m.names();
        for (KnobRow k : m.knobs()) {
            o.append("| `").append(k.name()).append("` | ").append(k.knobClass().label()).append(" |");
            for (String n : names) {
                KnobValue v = k.values().get(n);
                o.append(" ").append(v == null ? "-" : cell(abbreviate(v.value())) + " (" + v.at() + ")" + (v.isYagni() ? " *YAGNI: "
                        + cell(v.yagni()) + "*" : "") + (v.atDefault() ? " *(wrapper default)*" : "")).append(" |");
            }
            o.append(" ").append(cell(k.becomes())).append(" |\n");
        }
        o.append("\n");
    }

    private static void findings(TextOut o, String heading, List<Finding> findings) {
        o.append(heading).append("\n\n");
        if (findings.isEmpty()) {
            o.append("None.\n\n");
            return;
        }
        for (Finding f : findings) {
            o.append("### `").append(f.id()).append("`: ").append(String.join(", ", f.scenarios())).append("\n\n");
            o.append(capitalise(f.title())).append(".\n\n");
            f.evidence().forEach(e -> o.append("- ").append(e).append("\n"));
            o.append("\nFix: ").append(f.fix()).append(".\n\n");
        }
    }

    private static void extras(TextOut o, SurveyModel m) {
        o.append("## Extra steps\n\n");
        boolean any = false;
        for (ScenarioFacts s : m.scenarios()) {
            for (ExtraStep e : s.extras()) {
                any = true;
                o.append("- ").append(s.name()).append(" (wrapper.sh:").append(e.line()).append(", ")
                        .append(e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')).append("): ").append(e.what()).append(" -> ")
                        .append(e.lives()).append("\n");
            }
        }
        o.append(any ? "\n" : "None.\n\n");
    }

    private static void problems(TextOut o, SurveyModel m) {
        List<ScenarioFacts> partial = m.scenarios().stream().filter(ScenarioFacts::partial).toList();
        if (partial.isEmpty()) {
            return;
        }
        o.append("## Partially surveyed\n\n");
        for (ScenarioFacts s : partial) {
            s.problems().forEach(p -> o.append("- ").append(s.name()).append(": ").append(p).append("\n"));
        }
        o.append("\n");
    }

    private static void diffs(TextOut o, SurveyModel m) {
        o.append("## Normalised diffs\n\nScenario names are replaced by `<scenario>` and commit SHAs by `<sha>`; similarity is the share of identical lines.");
        if (m.scenarios().size() > dev.workflowrun.survey.diff.WrapperDiffs.ALL_PAIRS_LIMIT && !m.diffs().isEmpty()) {
            o.append(" With more than ").append(dev.workflowrun.survey.diff.WrapperDiffs.ALL_PAIRS_LIMIT)
                    .append(" scenarios, each wrapper is diffed against `").append(m.diffs().get(0).left())
                    .append("`, the wrapper most similar to all others.");
        }
        o.append("\n\n");
        for (PairDiff d : m.diffs()) {
            o.append("### ").append(d.left()).append(" vs ").append(d.right()).append(" (similarity ")
                    .append(String.format(Locale.ROOT, "%.3f", d.similarity())).append(")\n\n```diff\n");
            d.unified().forEach(l -> o.append(l).append("\n"));
            o.append("```\n\n");
        }
    }

    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }

    static String abbreviate(String text) {
        return text.length() > 90 ? text.substring(0, 87) + "..." : text;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
