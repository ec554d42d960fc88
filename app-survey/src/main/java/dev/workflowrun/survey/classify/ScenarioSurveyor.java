package dev.workflowrun.survey.classify;

import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.survey.bash.BashParser;
import dev.workflowrun.survey.scenario.SurveyInputException;
import dev.workflowrun.survey.bash.BashScript;
import dev.workflowrun.survey.bash.ShellValues;
import dev.workflowrun.survey.bash.WrapperFacts;
import dev.workflowrun.survey.bash.WrapperRecognisers;
import dev.workflowrun.survey.model.KnobValue;
import dev.workflowrun.survey.model.ScenarioFacts;
import dev.workflowrun.survey.scenario.CronJobFacts;
import dev.workflowrun.survey.scenario.ScenarioDir;
import dev.workflowrun.survey.scenario.ScenarioDirs;
import dev.workflowrun.survey.scenario.ScenarioReader;
import dev.workflowrun.survey.scenario.WorkflowFacts;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Surveys one scenario directory: reads its three files and turns them into {@link ScenarioFacts}. */
public final class ScenarioSurveyor {

    /** Variables the runner fills from its own flags rather than from --var. */
    public static final Map<String, String> IDENTITY = Map.of("SEI_NAMESPACE", "--namespace", "SEI_WORKFLOW_RUN_ID", "--run-id");
    static final String REF_VARIABLE = "SCENARIO_REF";

    private ScenarioSurveyor() {
    }

    public static ScenarioFacts survey(ScenarioDir dir) {
        String workflowText = ScenarioDirs.read(dir, ScenarioDirs.WORKFLOW);
        String wrapperText = ScenarioDirs.read(dir, ScenarioDirs.WRAPPER);
        WorkflowFacts workflow = ScenarioReader.workflow(dir.name(), workflowText);
        Optional<CronJobFacts> cronjob = Files.exists(dir.dir().resolve(ScenarioDirs.CRONJOB))
                ? Optional.of(ScenarioReader.cronjob(dir.name(), ScenarioDirs.read(dir, ScenarioDirs.CRONJOB)))
                : Optional.empty();
        return survey(dir.name(), workflow, wrapperText, cronjob);
    }

    public static ScenarioFacts survey(String name, WorkflowFacts workflow, String wrapperText, Optional<CronJobFacts> cronjob) {
        if (wrapperText.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"))) {
            // A wrapper that does nothing would read as one that skips every operation and swing the decision.
            throw new SurveyInputException(name + ": " + ScenarioDirs.WRAPPER + " has no command (it is empty or only comments);"
                    + " there is nothing to survey in it. Put the scenario's wrapper script there, or leave the scenario out;"
                    + " nothing was written");
        }
        BashScript script;
        try {
            script = BashParser.parse(wrapperText);
        } catch (BashParser.TooDeepException e) {
            throw new SurveyInputException(name + ": " + ScenarioDirs.WRAPPER + " " + e.getMessage() + "; the survey reads wrappers"
                    + " nested at most " + BashParser.MAX_DEPTH + " levels. Flatten it, or leave the scenario out; nothing was written");
        }
        Map<String, String> env = cronjob.map(CronJobFacts::env).orElse(Map.of());
        Set<String> declaredNames = new TreeSet<>(workflow.declared().stream().map(VariableDeclaration::name).toList());
        String namespaceVar = placeholderIn(workflow.namespace(), declaredNames, "SEI_NAMESPACE");
        String runIdVar = placeholderIn(workflow.name(), declaredNames, "SEI_WORKFLOW_RUN_ID");
        List<String> runIdNames = new ArrayList<>();
        if (!runIdVar.isEmpty()) {
            runIdNames.add(runIdVar);
        }
        List.of("SEI_WORKFLOW_RUN_ID", "RUN_ID", "WORKFLOW_RUN_ID").stream().filter(n -> !runIdNames.contains(n)).forEach(runIdNames::add);
        WrapperFacts wrapper = WrapperRecognisers.recognise(script, env, runIdNames);
        Map<String, String> roles = Roles.of(script, wrapperText, declaredNames, cronjob, namespaceVar, runIdVar);
        TreeMap<String, KnobValue> knobs = new TreeMap<>();
        wrapper.knobs().forEach((k, v) -> {
            if (!k.startsWith("op.") && !k.equals("order")) {
                knobs.put("wrapper." + k, v);
            }
        });
        allowListKnob(wrapper, workflow, knobs);
        workflowKnobs(name, workflow, knobs);
        cronjob.ifPresent(c -> cronKnobs(c, knobs));
        variableKnobs(workflow, wrapper, cronjob, new ShellValues(script, env), knobs, roles);
        List<String> problems = new ArrayList<>();
        script.problems().forEach(p -> problems.add(ScenarioDirs.WRAPPER + ": " + p));
        return new ScenarioFacts(name, wrapper.operations(), wrapper.sequence(), knobs, wrapper.extras(), problems,
                Normaliser.lines(wrapperText), env, roles);
    }

    /**
     * The placeholder a Workflow field is made of: {@code $CHAOS_NS} for the namespace, the {@code $RUN_TAG} in
     * {@code volume-latency-$RUN_TAG} for the run id. Whatever the scenario calls it; the fallback only when the field names none.
     */
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    static String placeholderIn(String field, Set<String> declared, String fallback) {
        java.util.regex.Matcher m = PLACEHOLDER.matcher(field);
        String any = "";
        while (m.find()) {
            if (declared.contains(m.group(1))) {
                return m.group(1);
            }
            any = any.isEmpty() ? m.group(1) : any;
        }
        return !any.isEmpty() ? any : declared.contains(fallback) ? fallback : "";
    }

    private static void allowListKnob(WrapperFacts wrapper, WorkflowFacts workflow, Map<String, KnobValue> knobs) {
        KnobValue at = knobs.get("wrapper.substitute.allow-list");
        if (at == null) {
            return;
        }
        Set<String> declared = new TreeSet<>(workflow.declared().stream().map(VariableDeclaration::name).toList());
        TreeSet<String> extra = new TreeSet<>(wrapper.allowList());
        extra.removeAll(declared);
        TreeSet<String> missing = new TreeSet<>(declared);
        missing.removeAll(wrapper.allowList());
        String value = extra.isEmpty() && missing.isEmpty() ? "exactly the declared placeholders"
                : "declared placeholders" + (extra.isEmpty() ? "" : " + " + String.join(" ", extra) + " (undeclared)")
                + (missing.isEmpty() ? "" : " - " + String.join(" ", missing) + " (left unsubstituted)");
        knobs.put("wrapper.substitute.allow-list", KnobValue.of(value, at.file(), at.line()));
    }

    private static void workflowKnobs(String name, WorkflowFacts w, Map<String, KnobValue> knobs) {
        String f = ScenarioDirs.WORKFLOW;
        knobs.put("workflow.entry-deadline", KnobValue.of(w.entryDeadline(), f, w.entryDeadlineLine()));
        knobs.put("workflow.children", KnobValue.of(String.join(", ", w.children()), f, 0));
        List<String> deadlines = new ArrayList<>();
        w.taskDeadlines().forEach((k, v) -> deadlines.add(v));
        knobs.put("workflow.task-deadlines", KnobValue.of(range(deadlines), f, 0));
        knobs.put("workflow.name", KnobValue.of(w.name(), f, 0));
        knobs.put("workflow.namespace", KnobValue.of(w.namespace(), f, 0));
        knobs.put("workflow.images", KnobValue.of(String.join(", ", w.images()), f, 0));
        knobs.put("workflow.envfrom-configmap", KnobValue.of(w.configMapRefs().isEmpty() ? "none" : String.join(", ", w.configMapRefs()), f, 0));
    }

    private static String range(List<String> deadlines) {
        List<Long> seconds = deadlines.stream().filter(d -> !d.isEmpty()).map(d -> {
            try {
                return dev.workflowrun.domain.variables.GoDuration.parse(d).toSeconds();
            } catch (RuntimeException e) {
                return -1L;
            }
        }).filter(x -> x >= 0).sorted().toList();
        if (seconds.isEmpty()) {
            return "none";
        }
        return seconds.get(0) / 60 + "m.." + seconds.get(seconds.size() - 1) / 60 + "m (" + deadlines.size() + " tasks)";
    }

    private static void cronKnobs(CronJobFacts c, Map<String, KnobValue> knobs) {
        String f = ScenarioDirs.CRONJOB;
        knobs.put("cronjob.schedule", KnobValue.of(c.schedule(), f, 0));
        knobs.put("cronjob.concurrency-policy", KnobValue.of(c.concurrencyPolicy(), f, 0));
        knobs.put("cronjob.backoff-limit", KnobValue.of(c.backoffLimit(), f, 0));
        knobs.put("cronjob.active-deadline-seconds", KnobValue.of(c.activeDeadlineSeconds(), f, 0));
        knobs.put("cronjob.service-account", KnobValue.of(c.serviceAccount(), f, 0));
        knobs.put("cronjob.image", KnobValue.of(c.image(), f, 0));
        if (c.env().containsKey(REF_VARIABLE)) {
            knobs.put("cronjob.scenario-ref", KnobValue.of(c.env().get(REF_VARIABLE), f, c.envLines().get(REF_VARIABLE)));
        }
    }

    private static void variableKnobs(WorkflowFacts workflow, WrapperFacts wrapper, Optional<CronJobFacts> cronjob, ShellValues values,
                                      Map<String, KnobValue> knobs, Map<String, String> roles) {
        Map<String, String> env = cronjob.map(CronJobFacts::env).orElse(Map.of());
        Set<String> declared = new TreeSet<>(workflow.declared().stream().map(VariableDeclaration::name).toList());
        TreeSet<String> names = new TreeSet<>(declared);
        names.addAll(wrapper.allowList());
        names.addAll(wrapper.exported());
        names.addAll(wrapper.inputs().keySet());
        env.keySet().stream().filter(n -> !n.startsWith("AWS_")).forEach(names::add);
        names.remove(REF_VARIABLE);
        for (String n : names) {
            boolean fromCron = env.containsKey(n);
            String value = fromCron ? env.get(n) : values.value(n).orElse("");
            String file;
            int line;
            if (fromCron) {
                file = ScenarioDirs.CRONJOB;
                line = cronjob.get().envLines().getOrDefault(n, 0);
            } else if (wrapper.script().lastAssignment(n).isPresent() || wrapper.inputs().containsKey(n)) {
                file = "wrapper.sh";
                line = wrapper.script().lastAssignment(n).map(a -> a.line()).orElse(wrapper.inputs().getOrDefault(n, 0));
            } else {
                file = ScenarioDirs.WORKFLOW;
                line = workflow.declaredLines().getOrDefault(n, 0);
            }
            if (!fromCron && value.matches(".*(<date>|<hostname>).*|.*-0$")) {
                // a per-run value: show how it is made, not what it would be at time zero
                value = wrapper.script().lastAssignment(n).map(a -> a.value()).orElse(value);
            }
            if (Roles.isCredential(roles.get(n)) && !value.equals("<valueFrom>") && !n.matches(".*_(FILE|PATH)$")) {
                value = "<secret>"; // a credential's value is never printed
            }
            KnobValue v = KnobValue.of(value.isEmpty() ? "(no value)" : value, file, line);
            String defaultValue = defaultOf(wrapper, n);
            if (declared.contains(n) && !workflow.used().contains(n)) {
                v = v.yagni("declared in the placeholder header but never used in the Workflow");
            } else if (!declared.contains(n) && (wrapper.allowList().contains(n) || wrapper.exported().contains(n))) {
                v = v.yagni((wrapper.allowList().contains(n) ? "allow-listed" : "exported") + " by the wrapper but the scenario never declares it");
            } else if (!declared.contains(n) && roles.containsKey(n)) {
                // read by the wrapper: a token, a config it parses, a switch; not YAGNI and never a --var
            } else if (!declared.contains(n) && !fromCron) {
                v = v.yagni("a wrapper input no CronJob sets (always its default" + (defaultValue.isEmpty() ? "" : " " + defaultValue) + ")");
            } else if (!declared.contains(n)) {
                v = v.yagni("set by the CronJob but neither the wrapper nor the scenario uses it");
            } else if (!IDENTITY.containsKey(n) && !roles.containsKey(n) && !defaultValue.isEmpty() && (!fromCron || env.get(n).equals(defaultValue))) {
                v = v.leftAtDefault();
            }
            knobs.put("var." + n, v);
        }
    }

    /** The default a wrapper gives an input ({@code ${X:-default}}), or "". */
    static String defaultOf(WrapperFacts wrapper, String name) {
        return wrapper.script().assignments().stream().filter(a -> a.name().equals(name) && a.value().contains("${" + name)).map(a -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{" + name + ":?-([^}]*)}").matcher(a.value());
            return m.find() ? m.group(1) : "";
        }).filter(d -> !d.isEmpty() && !d.contains("$")).findFirst().orElse("");
    }
}
