package dev.workflowrun.survey.report;

import dev.workflowrun.survey.model.Decision;
import dev.workflowrun.survey.model.ExtraStep;
import dev.workflowrun.survey.model.Finding;
import dev.workflowrun.survey.model.KnobRow;
import dev.workflowrun.survey.model.Operation;
import dev.workflowrun.survey.model.PairDiff;
import dev.workflowrun.survey.model.ScenarioFacts;
import dev.workflowrun.survey.model.SurveyModel;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/** {@code survey.json}: the model, machine-readable, with a fixed key order. */
public final class JsonReport {

    public static final int SCHEMA = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonReport() {
    }

    public static String render(SurveyModel m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.set("scenarios", strings(m.names()));
        Decision d = m.decision();
        ObjectNode decision = root.putObject("decision");
        decision.put("verdict", d.verdict().name());
        decision.put("premature", d.premature());
        ArrayNode reasons = decision.putArray("reasons");
        for (Decision.Reason r : d.reasons()) {
            ObjectNode n = reasons.addObject();
            n.put("rule", r.rule());
            n.put("argues", r.forPromote() ? "promote" : "keep");
            n.put("text", r.text());
            n.set("evidence", strings(r.evidence()));
        }
        ObjectNode confidence = decision.putObject("confidence");
        confidence.put("level", d.confidence().level());
        confidence.put("why", d.confidence().why());
        confidence.set("notUnderstood", strings(d.confidence().notUnderstood()));
        ArrayNode checks = decision.putArray("checks");
        for (Decision.Check c : d.checks()) {
            ObjectNode n = checks.addObject();
            n.put("rule", c.rule());
            n.put("fired", c.fired());
            n.put("result", c.result());
        }
        decision.set("flags", strings(d.flags()));
        decision.set("notExposed", strings(d.notExposed()));
        decision.set("extraSteps", strings(d.extraSteps()));
        ArrayNode ops = root.putArray("operations");
        for (ScenarioFacts s : m.scenarios()) {
            ObjectNode n = ops.addObject();
            n.put("scenario", s.name());
            n.put("partial", s.partial());
            n.set("problems", strings(s.problems()));
            n.set("order", strings(s.sequence()));
            ArrayNode list = n.putArray("performed");
            for (Operation op : s.operations()) {
                ObjectNode o = list.addObject();
                o.put("operation", op.kind().id());
                o.put("how", op.how());
                ArrayNode lines = o.putArray("lines");
                op.lines().forEach(lines::add);
            }
            ArrayNode extras = n.putArray("extraSteps");
            for (ExtraStep e : s.extras()) {
                ObjectNode o = extras.addObject();
                o.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
                o.put("what", e.what());
                o.put("line", e.line());
                o.put("lives", e.lives());
            }
        }
        ArrayNode knobs = root.putArray("knobs");
        for (KnobRow k : m.knobs()) {
            ObjectNode n = knobs.addObject();
            n.put("knob", k.name());
            n.put("class", k.knobClass().label());
            n.put("becomes", k.becomes());
            ObjectNode values = n.putObject("values");
            k.values().forEach((scenario, v) -> {
                ObjectNode o = values.putObject(scenario);
                o.put("value", v.value());
                o.put("file", v.file());
                o.put("line", v.line());
                if (v.isYagni()) {
                    o.put("yagni", v.yagni());
                }
                if (v.atDefault()) {
                    o.put("atDefault", true);
                }
            });
        }
        root.set("drift", findings(m.drift()));
        root.set("shaDrift", findings(m.shaDrift()));
        ArrayNode diffs = root.putArray("diffs");
        for (PairDiff p : m.diffs()) {
            ObjectNode n = diffs.addObject();
            n.put("left", p.left());
            n.put("right", p.right());
            n.put("similarity", p.similarity());
            n.put("changedLines", p.unified().stream().filter(l -> (l.startsWith("+") || l.startsWith("-"))
                    && !l.startsWith("+++") && !l.startsWith("---")).count());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static ArrayNode findings(List<Finding> findings) {
        ArrayNode a = JSON.createArrayNode();
        for (Finding f : findings) {
            ObjectNode n = a.addObject();
            n.put("id", f.id());
            n.put("title", f.title());
            n.set("scenarios", strings(f.scenarios()));
            n.set("evidence", strings(f.evidence()));
            n.put("fix", f.fix());
        }
        return a;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }
}
