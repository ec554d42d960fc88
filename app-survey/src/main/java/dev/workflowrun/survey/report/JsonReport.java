package dev.workflowrun.survey.report;

import dev.workflowrun.survey.model.Decision;
import dev.workflowrun.survey.model.ExtraStep;
import dev.workflowrun.survey.model.Finding;
import dev.workflowrun.survey.model.KnobRow;
import dev.workflowrun.survey.model.Operation;
import dev.workflowrun.survey.model.PairDiff;
import dev.workflowrun.survey.model.ScenarioFacts;
import dev.workflowrun.survey.model.SurveyModel;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** {@code survey.json}: the model, machine-readable, with a fixed key order. */
public final class JsonReport {

    public static final int SCHEMA = 1;
    /** Pretty-printed; the generator leaves the writer it writes to open, for the caller to close. */
    private static final ObjectWriter JSON = JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build()
            .writerWithDefaultPrettyPrinter();

    private JsonReport() {
    }

    /** The document as one string. */
    public static String render(SurveyModel m) {
        StringWriter s = new StringWriter();
        try {
            write(m, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s.toString();
    }

    /** Writes the document to {@code w} as it is generated, key by key. */
    public static void write(SurveyModel m, Writer w) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(w)) {
            write(m, g);
        } catch (JacksonIOException e) {
            throw e.getCause();
        }
        w.write('\n');
    }

    private static void write(SurveyModel m, JsonGenerator g) {
        g.writeStartObject();
        g.writeNumberProperty("schema", SCHEMA);
        strings(g, "scenarios", m.names());
        Decision d = m.decision();
        g.writeObjectPropertyStart("decision");
        g.writeStringProperty("verdict", d.verdict().name());
        g.writeBooleanProperty("premature", d.premature());
        g.writeArrayPropertyStart("reasons");
        for (Decision.Reason r : d.reasons()) {
            g.writeStartObject();
            g.writeStringProperty("rule", r.rule());
            g.writeStringProperty("argues", r.forPromote() ? "promote" : "keep");
            g.writeStringProperty("text", r.text());
            strings(g, "evidence", r.evidence());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectPropertyStart("confidence");
        g.writeStringProperty("level", d.confidence().level());
        g.writeStringProperty("why", d.confidence().why());
        strings(g, "notUnderstood", d.confidence().notUnderstood());
        g.writeEndObject();
        g.writeArrayPropertyStart("checks");
        for (Decision.Check c : d.checks()) {
            g.writeStartObject();
            g.writeStringProperty("rule", c.rule());
            g.writeBooleanProperty("fired", c.fired());
            g.writeStringProperty("result", c.result());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "flags", d.flags());
        strings(g, "notExposed", d.notExposed());
        strings(g, "extraSteps", d.extraSteps());
        g.writeEndObject();
        g.writeArrayPropertyStart("operations");
        for (ScenarioFacts s : m.scenarios()) {
            g.writeStartObject();
            g.writeStringProperty("scenario", s.name());
            g.writeBooleanProperty("partial", s.partial());
            strings(g, "problems", s.problems());
            strings(g, "order", s.sequence());
            g.writeArrayPropertyStart("performed");
            for (Operation op : s.operations()) {
                g.writeStartObject();
                g.writeStringProperty("operation", op.kind().id());
                g.writeStringProperty("how", op.how());
                g.writeArrayPropertyStart("lines");
                for (int line : op.lines()) {
                    g.writeNumber(line);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayPropertyStart("extraSteps");
            for (ExtraStep e : s.extras()) {
                g.writeStartObject();
                g.writeStringProperty("kind", e.kind().name().toLowerCase(Locale.ROOT));
                g.writeStringProperty("what", e.what());
                g.writeNumberProperty("line", e.line());
                g.writeStringProperty("lives", e.lives());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayPropertyStart("knobs");
        for (KnobRow k : m.knobs()) {
            g.writeStartObject();
            g.writeStringProperty("knob", k.name());
            g.writeStringProperty("class", k.knobClass().label());
            g.writeStringProperty("becomes", k.becomes());
            g.writeObjectPropertyStart("values");
            k.values().forEach((scenario, v) -> {
                g.writeObjectPropertyStart(scenario);
                g.writeStringProperty("value", v.value());
                g.writeStringProperty("file", v.file());
                g.writeNumberProperty("line", v.line());
                if (v.isYagni()) {
                    g.writeStringProperty("yagni", v.yagni());
                }
                if (v.atDefault()) {
                    g.writeBooleanProperty("atDefault", true);
                }
                g.writeEndObject();
            });
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        findings(g, "drift", m.drift());
        findings(g, "shaDrift", m.shaDrift());
        g.writeArrayPropertyStart("diffs");
        for (PairDiff p : m.diffs()) {
            g.writeStartObject();
            g.writeStringProperty("left", p.left());
            g.writeStringProperty("right", p.right());
            g.writeNumberProperty("similarity", p.similarity());
            g.writeNumberProperty("changedLines", p.unified().stream().filter(l -> (l.startsWith("+") || l.startsWith("-"))
                    && !l.startsWith("+++") && !l.startsWith("---")).count());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void findings(JsonGenerator g, String name, List<Finding> findings) {
        g.writeArrayPropertyStart(name);
        for (Finding f : findings) {
            g.writeStartObject();
            g.writeStringProperty("id", f.id());
            g.writeStringProperty("title", f.title());
            strings(g, "scenarios", f.scenarios());
            strings(g, "evidence", f.evidence());
            g.writeStringProperty("fix", f.fix());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) {
        g.writeArrayPropertyStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
