package dev.workflowrun.runner.execution;

import dev.workflowrun.runner.flags.Format;
import dev.workflowrun.runner.flags.StructuredOutput;
import dev.workflowrun.domain.drift.DriftFinding;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestObject;
import dev.workflowrun.domain.run.RenderResult;
import dev.workflowrun.domain.variables.GoDuration;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code run --dry-run} would apply, without applying it. */
final class PlanPrinter {

    private PlanPrinter() {
    }

    static Map<String, Object> model(RenderResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.plan().workflow().scenario());
        m.put("ref", r.scenario().ref().ref());
        m.put("commit", r.scenario().commit());
        m.put("namespace", r.plan().workflow().namespace());
        m.put("workflow", r.plan().workflow().name());
        m.put("runId", r.plan().workflow().runId());
        m.put("objects", r.plan().objects().stream().map(PlanPrinter::describe).toList());
        m.put("labels", new TreeMap<>(r.plan().labels()));
        m.put("softDeadline", GoDuration.format(r.plan().deadlines().soft()));
        m.put("hardDeadline", GoDuration.format(r.plan().deadlines().hard()));
        m.put("warnings", r.warnings().stream().map(LintFinding::toString).toList());
        m.put("drift", r.drift().findings().stream().map(f -> f.rule() + ": holds (" + f.actual() + ")").toList());
        return m;
    }

    static void print(RenderResult r, Format format, PrintWriter out) {
        if (format.structured()) {
            StructuredOutput.write(format, model(r), out);
        } else {
            out.println("workflow-run: dry run, nothing applied. Would apply to namespace " + r.plan().workflow().namespace() + ":");
            r.plan().objects().forEach(o -> out.println("  " + describe(o)));
            out.println("  scenario   " + r.scenario().ref() + " = commit " + r.scenario().commit());
            out.println("  deadlines  " + r.plan().deadlines());
            out.println("  labels     " + new TreeMap<>(r.plan().labels()));
            for (LintFinding w : r.warnings()) {
                out.println("  warning    " + w);
            }
            List<DriftFinding> drift = r.drift().findings();
            drift.forEach(f -> out.println("  drift      " + f.rule() + " holds: " + f.actual()));
        }
        out.flush();
    }

    private static String describe(ManifestObject o) {
        return o.apiVersion() + "/" + o.kind() + " " + o.namespace().map(ns -> ns + "/").orElse("") + o.name();
    }
}
