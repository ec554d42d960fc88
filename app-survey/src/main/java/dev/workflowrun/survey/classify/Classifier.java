package dev.workflowrun.survey.classify;

import dev.workflowrun.domain.variables.ImageRef;
import dev.workflowrun.survey.model.Finding;
import dev.workflowrun.survey.model.KnobClass;
import dev.workflowrun.survey.model.KnobRow;
import dev.workflowrun.survey.model.KnobValue;
import dev.workflowrun.survey.model.OpKind;
import dev.workflowrun.survey.model.ScenarioFacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Classifies every knob across the scenarios and derives the drift and SHA-drift findings. */
public final class Classifier {

    /** Images built from the controller repository, whose tag must name the scenario ref's commit. */
    static final Set<String> REF_IMAGES = Set.of("seitask", "sei-k8s-controller", "controller-manager");

    private Classifier() {
    }

    public static List<KnobRow> classify(List<ScenarioFacts> scenarios) {
        TreeMap<String, TreeMap<String, KnobValue>> byKnob = new TreeMap<>();
        for (ScenarioFacts s : scenarios) {
            s.knobs().forEach((k, v) -> byKnob.computeIfAbsent(k, x -> new TreeMap<>()).put(s.name(), v));
        }
        List<KnobRow> rows = new ArrayList<>();
        int n = scenarios.size();
        Map<String, String> roles = new TreeMap<>();
        scenarios.forEach(s -> s.roles().forEach(roles::putIfAbsent));
        byKnob.forEach((knob, values) -> {
            KnobCatalog.Entry entry = KnobCatalog.of(knob, roles);
            KnobClass c = classOf(knob, values, n, entry.intent());
            String becomes = switch (c) {
                case YAGNI -> values.values().stream().allMatch(v -> v.isYagni() || !v.atDefault())
                        ? "not exposed (YAGNI)" : "not exposed (YAGNI: always left at its default; a constant in the scenario)";
                case DRIFT -> "removed: " + entry.becomes();
                default -> entry.becomes();
            };
            rows.add(new KnobRow(knob, c, values, becomes));
        });
        return rows;
    }

    static KnobClass classOf(String knob, Map<String, KnobValue> values, int n, KnobCatalog.Intent intent) {
        long live = values.values().stream().filter(v -> !v.isYagni()).count();
        if (live == 0 || values.values().stream().filter(v -> !v.isYagni()).allMatch(KnobValue::atDefault)) {
            return KnobClass.YAGNI;
        }
        TreeSet<String> distinct = new TreeSet<>();
        values.forEach((scenario, v) -> {
            if (!v.isYagni()) {
                distinct.add(Normaliser.value(scenario, v.value()));
            }
        });
        boolean everywhere = live == n;
        if (intent == KnobCatalog.Intent.IMPLEMENTATION) {
            return everywhere && distinct.size() == 1 ? KnobClass.UNIVERSAL_CONSTANT : KnobClass.DRIFT;
        }
        if (!everywhere) {
            return KnobClass.SCENARIO_INTRINSIC;
        }
        return distinct.size() == 1 ? KnobClass.UNIVERSAL_CONSTANT : KnobClass.UNIVERSAL_VARYING;
    }

    /** The drift rules: each names the same intent implemented differently, and what removes it. */
    public static List<Finding> drift(List<ScenarioFacts> scenarios) {
        List<Finding> out = new ArrayList<>();
        rule(out, scenarios, "drift.missing-operation", "does not perform every one of the seven operations",
                s -> s.operations().size() < OpKind.values().length,
                s -> "missing: " + String.join(", ", missing(s)),
                "the typed runner performs all seven on every run");
        rule(out, scenarios, "drift.capture-after-delete",
                "captures the terminal state after deleting the Workflow (the WorkflowNodes and Task pods are gone by then)",
                s -> s.sequence().contains("capture") && s.sequence().contains("delete")
                        && s.sequence().indexOf("delete") < s.sequence().indexOf("capture"),
                s -> "order: " + String.join(" > ", s.sequence()) + at(s, "wrapper.capture.objects"),
                "the runner captures before anything is deleted (invariant 3)");
        rule(out, scenarios, "drift.missing-sweep", "aborts and deletes but never sweeps left-over Task pods",
                s -> s.performs(OpKind.CLEANUP) && !s.sequence().contains("sweep"),
                s -> "cleanup: " + s.operations().stream().filter(o -> o.kind() == OpKind.CLEANUP).findFirst().map(o -> o.how()).orElse("")
                        + at(s, "wrapper.cleanup.delete-timeout"),
                "the runner sweeps pods labelled chaos-mesh.org/workflow=<name> after the bounded delete");
        rule(out, scenarios, "drift.upload-skipped-on-failure",
                "uploads only on the success path (no EXIT trap): a failed run loses its evidence",
                s -> value(s, "wrapper.upload.on-failure").startsWith("no"),
                s -> "upload" + at(s, "wrapper.upload.on-failure"),
                "the runner publishes on every path, with a local fallback (invariant 4)");
        rule(out, scenarios, "drift.cleanup-skipped-on-failure",
                "cleans up only on the success path: a failure while waiting leaves the Workflow running",
                s -> value(s, "wrapper.cleanup.on-failure").startsWith("no"),
                s -> "cleanup" + at(s, "wrapper.cleanup.on-failure"),
                "the runner cleans up exactly once on every path (invariant 2)");
        rule(out, scenarios, "drift.overrun-warning-repeats", "repeats the overrun warning on every poll instead of once",
                s -> value(s, "wrapper.wait.overrun-warning").startsWith("repeats"),
                s -> "warning" + at(s, "wrapper.wait.overrun-warning"),
                "the runner's soft-deadline warning is one-shot (invariant 5)");
        rule(out, scenarios, "drift.pass-on-accomplished",
                "treats Accomplished as success without reading Task pod exit codes: every run reports passed",
                s -> value(s, "wrapper.outcome.source").startsWith("Accomplished"),
                s -> "wait condition" + at(s, "wrapper.wait.condition"),
                "the runner reads container exit codes and DeadlineExceed/Aborted conditions");
        rule(out, scenarios, "drift.pods-captured-as-text", "captures Task pods as a text table, losing exit codes and reasons",
                s -> value(s, "wrapper.capture.objects").contains("pods (-o wide)"),
                s -> "capture" + at(s, "wrapper.capture.objects"),
                "the runner captures pod status as YAML");
        rule(out, scenarios, "drift.allow-list-not-header", "allow-lists names the scenario does not declare",
                s -> value(s, "wrapper.substitute.allow-list").contains("undeclared") || value(s, "wrapper.substitute.allow-list").contains("unsubstituted"),
                s -> value(s, "wrapper.substitute.allow-list") + at(s, "wrapper.substitute.allow-list"),
                "the runner's allow-list is the placeholder header, nothing else");
        differs(out, scenarios, "drift.deadline-math", "computes the hard deadline differently", "wrapper.wait.deadline-math",
                "one --hard-deadline (default: the scenario's entry deadline) and one --soft-deadline");
        differs(out, scenarios, "drift.log-format", "logs in a different format", "wrapper.log.format",
                "one --log-format=text|json for every scenario");
        differs(out, scenarios, "drift.run-id-scheme", "makes run ids differently", "wrapper.run-id.scheme",
                "one --run-id default, derived from the Job's pod name (stable across CronJob retries)");
        differs(out, scenarios, "drift.delete-bound", "bounds the Workflow delete differently", "wrapper.cleanup.delete-timeout",
                "one bounded delete in the runner");
        return out;
    }

    private static void rule(List<Finding> out, List<ScenarioFacts> scenarios, String id, String title, Predicate<ScenarioFacts> applies,
                             java.util.function.Function<ScenarioFacts, String> evidence, String fix) {
        List<String> names = new ArrayList<>();
        List<String> ev = new ArrayList<>();
        for (ScenarioFacts s : scenarios) {
            if (applies.test(s)) {
                names.add(s.name());
                ev.add(s.name() + ": " + evidence.apply(s));
            }
        }
        if (!names.isEmpty()) {
            out.add(new Finding(id, title, names, ev, fix));
        }
    }

    private static void differs(List<Finding> out, List<ScenarioFacts> scenarios, String id, String title, String knob, String fix) {
        TreeSet<String> distinct = new TreeSet<>();
        List<String> names = new ArrayList<>();
        List<String> ev = new ArrayList<>();
        for (ScenarioFacts s : scenarios) {
            KnobValue v = s.knobs().get(knob);
            if (v != null) {
                distinct.add(Normaliser.value(s.name(), v.value()));
                names.add(s.name());
                ev.add(s.name() + ": `" + v.value() + "` (" + v.at() + ")");
            }
        }
        if (distinct.size() > 1) {
            out.add(new Finding(id, "each wrapper " + title, names, ev, fix));
        }
    }

    private static List<String> missing(ScenarioFacts s) {
        List<String> m = new ArrayList<>();
        for (OpKind k : OpKind.values()) {
            if (!s.performs(k)) {
                m.add(k.number() + " " + k.label());
            }
        }
        return m;
    }

    private static String value(ScenarioFacts s, String knob) {
        KnobValue v = s.knobs().get(knob);
        return v == null ? "" : v.value();
    }

    private static String at(ScenarioFacts s, String knob) {
        KnobValue v = s.knobs().get(knob);
        return v == null ? "" : " (" + v.at() + ")";
    }

    /** SHA drift: an image built from the controller repository whose tag does not name the commit SCENARIO_REF pins. */
    public static List<Finding> shaDrift(List<ScenarioFacts> scenarios) {
        List<Finding> out = new ArrayList<>();
        for (ScenarioFacts s : scenarios) {
            KnobValue ref = s.knobs().get("cronjob.scenario-ref");
            if (ref == null) {
                continue;
            }
            String commit = ref.value().toLowerCase(Locale.ROOT);
            if (!commit.matches("[0-9a-f]{40}")) {
                out.add(new Finding("sha.ref-not-pinned", "SCENARIO_REF is not a commit SHA, so no image can be checked against it",
                        List.of(s.name()), List.of(s.name() + ": SCENARIO_REF=" + ref.value() + " (" + ref.at() + ")"),
                        "pin --scenario-ref to a 40-hex commit, or let the runner resolve it and check the images"));
                continue;
            }
            s.knobs().forEach((knob, v) -> {
                if (!knob.startsWith("var.") || !v.file().equals("cronjob.yaml")) {
                    return;
                }
                ImageRef image;
                try {
                    image = ImageRef.parse(v.value());
                } catch (RuntimeException e) {
                    return;
                }
                if (!REF_IMAGES.contains(image.name())) {
                    return;
                }
                String tag = image.tag().orElse("").toLowerCase(Locale.ROOT);
                String suffix = tag.contains("-") ? tag.substring(tag.lastIndexOf('-') + 1) : tag;
                boolean holds = suffix.length() >= 7 && suffix.matches("[0-9a-f]+") && commit.startsWith(suffix);
                if (!holds) {
                    String var = knob.substring(4);
                    out.add(new Finding("sha.image-not-at-ref", var + "'s tag does not name the commit SCENARIO_REF pins",
                            List.of(s.name()), List.of(s.name() + ": " + var + "=" + v.value() + " (" + v.at() + ") but SCENARIO_REF="
                                    + ref.value() + " (" + ref.at() + ")"),
                            "rebuild " + var + " at " + commit.substring(0, 12) + " or move SCENARIO_REF; the typed runner refuses this with --expect-ref-image="
                                    + var));
                }
            });
        }
        return out;
    }
}
