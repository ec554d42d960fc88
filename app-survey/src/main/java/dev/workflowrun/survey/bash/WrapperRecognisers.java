package dev.workflowrun.survey.bash;

import dev.workflowrun.survey.model.ExtraStep;
import dev.workflowrun.survey.model.KnobValue;
import dev.workflowrun.survey.model.OpKind;
import dev.workflowrun.survey.model.Operation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the seven operations by command shape, extracts the knobs each one turns (with lines),
 * and reports every other meaningful command as an extra step.
 */
public final class WrapperRecognisers {

    static final String FILE = "wrapper.sh";
    private static final Set<String> PLUMBING = Set.of("set", "export", "local", "declare", "readonly", "echo", "printf", "date",
            "mkdir", "mktemp", "exec", "tee", "sleep", "trap", ":", "[", "[[", "test", "true", "false", "exit", "return", "break",
            "continue", "rm", "cat", "tr", "grep", "wc", "cd", "shift", "unset", "jq", "sort", "head", "tail", "basename",
            "dirname", "cp", "mv", "touch", "wait");
    private static final Set<String> WORKFLOW_KINDS = Set.of("workflow", "workflows", "wf", "workflow.chaos-mesh.org");
    private static final Pattern NAME_REF = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern INPUT = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):?[-?]");
    private static final Pattern DERIVATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(##|#|%%|%|/)[^}]*}");
    // Compiled once, not per command or per condition read.
    private static final Pattern GITHUB_REPO = Pattern.compile("(?:github\\.com|githubusercontent\\.com)[/:](?:repos/)?([\\w.-]+/[\\w.-]+?)(?:\\.git)?(?:/|$)");
    private static final Pattern CONDITION_NAME = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)|\\b([A-Za-z_][A-Za-z0-9_]*)\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b[0-9]+\\b");
    private static final Pattern URL = Pattern.compile("^[a-z0-9]+://([^/]+)/?(.*)$");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    private WrapperRecognisers() {
    }

    public static WrapperFacts recognise(BashScript script, Map<String, String> environment) {
        return recognise(script, environment, List.of("SEI_WORKFLOW_RUN_ID", "RUN_ID", "WORKFLOW_RUN_ID"));
    }

    /** @param runIdNames the variables that may hold the run id, the scenario's own first */
    public static WrapperFacts recognise(BashScript script, Map<String, String> environment, List<String> runIdNames) {
        return new Run(script, new ShellValues(script, environment), runIdNames).run();
    }

    private static final class Run {
        final BashScript script;
        final ShellValues values;
        final Effects effects;
        final List<String> runIdNames;
        final java.util.Set<String> reported = new java.util.HashSet<>();
        final Map<OpKind, List<Integer>> lines = new EnumMap<>(OpKind.class);
        final Map<OpKind, String> how = new EnumMap<>(OpKind.class);
        final List<OpKind> order = new ArrayList<>();
        final List<String> sequence = new ArrayList<>();
        final Map<String, KnobValue> knobs = new TreeMap<>();
        final List<ExtraStep> extras = new ArrayList<>();
        final TreeSet<String> allowList = new TreeSet<>();

        Run(BashScript script, ShellValues values, List<String> runIdNames) {
            this.script = script;
            this.values = values;
            this.effects = new Effects(script);
            this.runIdNames = runIdNames;
        }

        WrapperFacts run() {
            TreeSet<String> captured = new TreeSet<>();
            int captureLine = 0;
            for (Step s : script.steps()) {
                Optional<OpKind> kind = classify(s);
                if (kind.isPresent()) {
                    note(kind.get(), s);
                    if (kind.get() == OpKind.CAPTURE) {
                        captured.add(capturedObject(s));
                        captureLine = captureLine == 0 ? s.line() : captureLine;
                    }
                } else if (isVerdict(s)) {
                    extras.add(new ExtraStep(ExtraStep.Kind.COVERED, "reads Task pod exit codes to decide pass/fail", s.line(),
                            "the typed runner (it reads exit codes and DeadlineExceed/Aborted itself)"));
                    knob("outcome.source", "Task pod exit codes", s.line());
                } else {
                    extra(s, effects.of(s));
                }
            }
            boolean cleanupOnExit = script.steps().stream().anyMatch(x -> x.onExit() && classify(x).orElse(null) == OpKind.CLEANUP);
            if (lines.containsKey(OpKind.CLEANUP)) {
                knob("cleanup.on-failure", cleanupOnExit ? "yes (EXIT trap)" : "no (success path only)", lines.get(OpKind.CLEANUP).get(0));
            }
            knobs.putIfAbsent("outcome.source", KnobValue.of("Accomplished condition only (every run passes)", FILE, 0));
            if (!captured.isEmpty()) {
                knob("capture.objects", String.join(", ", captured), captureLine);
                how.put(OpKind.CAPTURE, "kubectl get " + String.join(", ", captured.stream().map(c -> c.replaceAll(" \\(.*", "")).toList())
                        + " > files" + how.get(OpKind.CAPTURE).replaceFirst("^[^(]*(\\(-o [^)]*\\))?", ""));
            }
            derivations();
            logFormat();
            runId();
            knobs.put("order", KnobValue.of(String.join(" > ", sequence), FILE, 0));
            Map<String, Integer> inputs = inputs();
            TreeSet<String> exported = new TreeSet<>();
            script.assignments().stream().filter(Assignment::exported).forEach(a -> exported.add(a.name()));
            List<Operation> operations = new ArrayList<>();
            for (OpKind k : order) {
                operations.add(new Operation(k, lines.get(k), how.get(k)));
            }
            for (OpKind k : OpKind.values()) {
                if (!lines.containsKey(k)) {
                    knobs.put("op." + k.id(), KnobValue.of("missing", FILE, 0));
                } else {
                    knobs.put("op." + k.id(), KnobValue.of(how.get(k), FILE, lines.get(k).get(0)));
                }
            }
            return new WrapperFacts(operations, sequence, knobs, extras, allowList, exported, inputs, script);
        }

        private void note(OpKind kind, Step s) {
            lines.computeIfAbsent(kind, k -> new ArrayList<>()).add(s.line());
            if (!order.contains(kind)) {
                order.add(kind);
            }
            String event = event(kind, s);
            if (!event.isEmpty() && (sequence.isEmpty() || !sequence.get(sequence.size() - 1).equals(event))) {
                sequence.add(event);
            }
            switch (kind) {
                case FETCH -> fetch(s);
                case SUBSTITUTE -> substitute(s);
                case APPLY -> how.putIfAbsent(kind, "kubectl apply" + (s.has("-") || s.pipeline() > 1 ? " from a pipe" : " -f file")
                        + where(s));
                case WAIT -> waitLoop(s);
                case CAPTURE -> how.merge(kind, "kubectl get " + capturedObject(s) + where(s), (a, b) -> a);
                case CLEANUP -> cleanup(s);
                case UPLOAD -> upload(s);
                default -> {
                }
            }
        }

        /** A command outside the seven operations: bespoke when it changes something, not understood when unreadable. */
        private void extra(Step s, Effect e) {
            String where = s.where() + (s.callLine() > 0 && s.callLine() != s.line() && !s.onExit() ? ", called at line " + s.callLine() : "");
            if (e.target() == Effect.Target.UNKNOWN) {
                if (reported.add("?" + s.line())) {
                    extras.add(new ExtraStep(ExtraStep.Kind.NOT_UNDERSTOOD, "`" + abbreviate(s.text()) + "` (" + where + "): " + e.detail(),
                            s.line(), "not understood: say what it does (or move it into the scenario) to raise the survey's confidence"));
                }
            } else if (e.mutates()) {
                if (reported.add("!" + s.line())) {
                    extras.add(new ExtraStep(ExtraStep.Kind.BESPOKE, "`" + abbreviate(s.text()) + "` (" + where + "): "
                            + verb(e.action()) + " " + e.target().label() + (e.detail().isEmpty() ? "" : " (" + abbreviate(e.detail()) + ")"),
                            s.line(), livesInstead(s, e)));
                }
            } else if (e.action() == Effect.Action.READ && (e.target() == Effect.Target.CLUSTER_OTHER || e.target() == Effect.Target.SERVICE)) {
                if (reported.add("r" + s.line())) {
                    extras.add(new ExtraStep(ExtraStep.Kind.RUNTIME_READ, "`" + abbreviate(s.text()) + "` (" + where + "): reads "
                            + e.target().label() + (e.detail().isEmpty() ? "" : " (" + abbreviate(e.detail()) + ")"), s.line(),
                            "a Task at the start of the Workflow (a readiness check or a value read at run time; it changes nothing)"));
                }
            }
        }

        private static String verb(Effect.Action a) {
            return switch (a) {
                case CREATE -> "creates";
                case MUTATE -> "changes";
                case DELETE -> "deletes";
                default -> "reads";
            };
        }

        /** Where a bespoke step could live once the wrapper is gone. */
        private String livesInstead(Step s, Effect e) {
            if (e.target() == Effect.Target.SERVICE) {
                return "a notification hook of the runner, or a Task at the end of the Workflow";
            }
            if (e.target() == Effect.Target.BUCKET) {
                return "the runner's publish step (it owns the bucket prefix)";
            }
            if (e.target() == Effect.Target.WORKFLOW || e.target() == Effect.Target.WORKFLOW_CHILDREN) {
                return "the scenario file (a field of the Workflow) or the runner's cleanup";
            }
            if (e.detail().startsWith("exec") || e.detail().startsWith("cp")) {
                return "a Task in the Workflow that runs the same command next to the pod (it needs pods/exec, which the runner's Role does not grant)";
            }
            boolean beforeApply = lines.containsKey(OpKind.APPLY) && s.line() < lines.get(OpKind.APPLY).get(0) && !s.onExit();
            return s.onExit() ? "a final Task of the Workflow, or a cleanup hook of the runner"
                    : beforeApply ? "a Task at the start of the Workflow (it runs with the Workflow's service account)" : "a Task in the Workflow";
        }

        private String event(OpKind kind, Step s) {
            return switch (kind) {
                case FETCH -> "fetch";
                case SUBSTITUTE -> "substitute";
                case APPLY -> "apply";
                case WAIT -> "wait";
                case CAPTURE -> "capture";
                case CLEANUP -> {
                    Effect e = effects.of(s);
                    yield e.action() == Effect.Action.MUTATE ? "abort" : e.target() == Effect.Target.WORKFLOW_CHILDREN ? "sweep" : "delete";
                }
                case UPLOAD -> "upload";
            };
        }

        /** The operation a command performs, read off its effect. */
        Optional<OpKind> classify(Step s) {
            if (s.name().equals("envsubst")) {
                return Optional.of(OpKind.SUBSTITUTE);
            }
            if (isVerdict(s)) {
                return Optional.empty();
            }
            Effect e = effects.of(s);
            boolean toFile = !s.stdout().isEmpty() && !s.stdout().equals("/dev/null") || s.pipeline() > 1 && !s.name().equals("kubectl")
                    || s.pipeline() > 1 && !s.option("-o").startsWith("json");
            return switch (e.target()) {
                case SCENARIO_SOURCE -> e.action() == Effect.Action.READ ? Optional.of(OpKind.FETCH) : Optional.empty();
                case BUCKET -> e.action() == Effect.Action.CREATE ? Optional.of(OpKind.UPLOAD) : Optional.empty();
                case WORKFLOW -> switch (e.action()) {
                    case CREATE -> Optional.of(OpKind.APPLY);
                    case DELETE -> Optional.of(OpKind.CLEANUP);
                    case MUTATE -> e.detail().equals("abort") ? Optional.of(OpKind.CLEANUP) : Optional.empty();
                    case READ -> {
                        if (Effects.positional(s).get(0).equals("wait") || s.loop() > 0 && !toFile && !s.onExit()) {
                            yield Optional.of(OpKind.WAIT);
                        }
                        yield toFile ? Optional.of(OpKind.CAPTURE) : Optional.empty();
                    }
                    default -> Optional.empty();
                };
                case WORKFLOW_CHILDREN -> switch (e.action()) {
                    case DELETE -> Optional.of(OpKind.CLEANUP);
                    case READ -> Optional.of(OpKind.CAPTURE);
                    default -> Optional.empty();
                };
                default -> Optional.empty();
            };
        }

        Optional<OpKind> classifyByName(Step s) {
            switch (s.name()) {
                case "curl", "wget" -> {
                    return s.args().stream().anyMatch(a -> a.contains("scenarios/") || a.contains(".yaml"))
                            ? Optional.of(OpKind.FETCH) : Optional.empty();
                }
                case "git" -> {
                    return Optional.of(OpKind.FETCH);
                }
                case "envsubst" -> {
                    return Optional.of(OpKind.SUBSTITUTE);
                }
                case "aws", "gsutil", "s5cmd" -> {
                    return s.args().stream().anyMatch(a -> a.startsWith("s3://") || a.startsWith("gs://"))
                            ? Optional.of(OpKind.UPLOAD) : Optional.empty();
                }
                case "kubectl" -> {
                    return kubectl(s);
                }
                default -> {
                    return Optional.empty();
                }
            }
        }

        private Optional<OpKind> kubectl(Step s) {
            List<String> words = positional(s);
            String verb = words.isEmpty() ? "" : words.get(0);
            String object = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
            String output = s.option("-o");
            return switch (verb) {
                case "apply", "create" -> Optional.of(OpKind.APPLY);
                case "annotate" -> s.args().stream().anyMatch(a -> a.contains("abort")) ? Optional.of(OpKind.CLEANUP) : Optional.empty();
                case "delete" -> WORKFLOW_KINDS.contains(object) || isPodDelete(s) ? Optional.of(OpKind.CLEANUP) : Optional.empty();
                case "get" -> {
                    if (output.contains("exitCode")) {
                        yield Optional.empty();
                    }
                    if (s.loop() > 0 && output.startsWith("jsonpath") && WORKFLOW_KINDS.contains(object)) {
                        yield Optional.of(OpKind.WAIT);
                    }
                    yield !s.stdout().isEmpty() || s.pipeline() > 1 ? Optional.of(OpKind.CAPTURE) : Optional.empty();
                }
                default -> Optional.empty();
            };
        }

        private boolean isVerdict(Step s) {
            return s.name().equals("kubectl") && s.option("-o").contains("exitCode");
        }

        private static boolean isPodDelete(Step s) {
            List<String> words = positional(s);
            return words.size() > 1 && words.get(0).equals("delete") && words.get(1).startsWith("pod")
                    && (s.argStartsWith("-l") || s.argStartsWith("--selector"));
        }

        /** kubectl's words that are not options or option values. */
        private static List<String> positional(Step s) {
            List<String> out = new ArrayList<>();
            List<String> a = s.args();
            for (int i = 0; i < a.size(); i++) {
                String w = a.get(i);
                if (w.startsWith("-")) {
                    if (!w.contains("=") && i + 1 < a.size() && Set.of("-n", "--namespace", "-l", "-o", "-f", "--selector", "--context")
                            .contains(w)) {
                        i++;
                    }
                    continue;
                }
                out.add(w);
            }
            return out;
        }

        private String capturedObject(Step s) {
            List<String> words = positional(s);
            String object = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "?";
            object = switch (object) {
                case "wf", "workflows" -> "workflow";
                case "wfn", "workflownode" -> "workflownodes";
                case "pod" -> "pods";
                case "cm" -> "configmap";
                default -> object;
            };
            return object + " (-o " + s.option("-o") + ")";
        }

        private void fetch(Step s) {
            String url = s.args().stream().filter(a -> a.contains("://") || a.contains("github.com")).findFirst()
                    .orElse(s.name().equals("gh") ? "https://api.github.com/" + effects.of(s).detail() : "");
            String method;
            if (s.name().equals("git")) {
                method = s.args().contains("clone") ? "git clone" : s.args().contains("archive") ? "git archive" : "git fetch --depth 1 + git show";
            } else if (s.name().equals("gh")) {
                method = "gh api contents";
            } else if (s.name().equals("wget")) {
                method = "wget raw file";
            } else if (url.contains("api.github.com")) {
                method = "curl GitHub contents API";
            } else {
                method = "curl raw file";
            }
            if (!how.containsKey(OpKind.FETCH)) {
                how.put(OpKind.FETCH, method + where(s));
                knob("fetch.method", method, s.line());
            }
            if (!url.isEmpty() && !knobs.containsKey("fetch.repo")) {
                Matcher m = GITHUB_REPO.matcher(url);
                if (m.find()) {
                    knob("fetch.repo", "github.com/" + m.group(1), s.line());
                }
            }
            for (String a : s.args()) {
                Matcher m = NAME_REF.matcher(a);
                while (m.find()) {
                    if (m.group(1).contains("REF")) {
                        knobs.putIfAbsent("fetch.ref-variable", KnobValue.of(m.group(1), FILE, s.line()));
                    }
                }
            }
        }

        private void substitute(Step s) {
            String format = s.args().isEmpty() ? "" : s.args().get(0);
            Matcher m = NAME_REF.matcher(format);
            while (m.find()) {
                allowList.add(m.group(1));
            }
            String io = s.pipeline() > 1 ? "pipeline" : "temp files";
            how.put(OpKind.SUBSTITUTE, "envsubst " + (allowList.isEmpty() ? "without an allow-list (blanks every $VAR)"
                    : "with " + allowList.size() + " allow-listed names") + " via " + io + where(s));
            knob("substitute.io", io, s.line());
            knob("substitute.allow-list", allowList.isEmpty() ? "none (substitutes everything)" : String.join(" ", allowList), s.line());
        }

        private void waitLoop(Step s) {
            if (how.containsKey(OpKind.WAIT)) {
                return;
            }
            if (s.loop() == 0 && !Effects.positional(s).isEmpty() && Effects.positional(s).get(0).equals("wait")) {
                String timeout = s.option("--timeout");
                how.put(OpKind.WAIT, "kubectl wait --for=" + s.option("--for") + (timeout.isEmpty() ? "" : " --timeout=" + timeout) + where(s));
                knob("wait.condition", s.option("--for"), s.line());
                knob("wait.poll-interval", "none (kubectl wait watches)", s.line());
                knob("wait.overrun-warning", "none", s.line());
                if (!timeout.isEmpty()) {
                    knob("wait.hard-deadline", timeout.matches("[0-9]+") ? minutes(Long.parseLong(timeout), "") : timeout, s.line());
                }
                knob("wait.deadline-math", "kubectl wait --timeout", s.line());
                return;
            }
            List<Step> loop = script.steps().stream().filter(x -> x.loop() == s.loop()).toList();
            String poll = loop.stream().filter(x -> x.name().equals("sleep") && !x.args().isEmpty()).findFirst()
                    .map(x -> seconds(values.expand(x.args().get(0), x.positional())) + " (line " + x.line() + ")").orElse("none");
            how.put(OpKind.WAIT, "poll " + s.option("-o") + " every " + poll.replaceAll(" \\(line.*", "") + where(s));
            knob("wait.condition", s.option("-o"), s.line());
            loop.stream().filter(x -> x.name().equals("sleep")).findFirst()
                    .ifPresent(x -> knob("wait.poll-interval", seconds(values.expand(x.args().isEmpty() ? "" : x.args().get(0), x.positional())), x.line()));
            Optional<Step> warning = loop.stream()
                    .filter(x -> !x.guard().isEmpty() && x.text().toLowerCase(Locale.ROOT).contains("warn")).findFirst();
            if (warning.isPresent()) {
                Step w = warning.get();
                knob("wait.overrun-warning", w.oneShotGuard() ? "one-shot (latched)" : "repeats every poll", w.line());
                values.threshold(w.guard(), w.positional()).ifPresent(t -> knob("wait.soft-deadline", minutes(t, w.guard()), w.line()));
            } else {
                knob("wait.overrun-warning", "none", s.line());
            }
            Optional<Step> giveUp = loop.stream().filter(x -> Set.of("exit", "break", "return").contains(x.name()))
                    .filter(x -> !x.guard().isEmpty() && !x.guard().contains("True") && !x.guard().contains("true\""))
                    .filter(x -> !x.guard().toLowerCase(Locale.ROOT).contains("accomplished")).findFirst();
            String condition = giveUp.map(Step::guard).orElse(script.loopConditions().getOrDefault(s.loop(), ""));
            int line = giveUp.map(Step::line).orElse(s.line());
            Optional<Long> hard = values.threshold(condition, giveUp.map(Step::positional).orElse(s.positional()));
            hard.ifPresent(t -> knob("wait.hard-deadline", minutes(t, condition), line));
            knob("wait.deadline-math", deadlineMath(condition), line);
        }

        /** How the hard deadline is computed: the assignment behind the condition's largest term. */
        private String deadlineMath(String condition) {
            Matcher m = CONDITION_NAME.matcher(condition);
            String best = "";
            long bestValue = Long.MIN_VALUE;
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                Optional<Assignment> a = script.lastAssignment(name);
                Optional<Long> v = values.value(name).flatMap(ShellValues::number);
                if (a.isPresent() && v.isPresent() && v.get() > bestValue) {
                    bestValue = v.get();
                    best = name + "=" + a.get().value();
                }
            }
            if (best.isEmpty()) {
                Matcher lit = NUMBER.matcher(condition);
                return lit.find() ? "literal " + lit.group() + " in the loop" : "none";
            }
            return best;
        }

        private void cleanup(Step s) {
            Effect e = effects.of(s);
            if (e.action() == Effect.Action.MUTATE) {
                knob("cleanup.abort", "annotate " + s.args().stream().filter(a -> a.contains("abort")).findFirst().orElse(""),
                        s.line());
            } else if (e.target() == Effect.Target.WORKFLOW_CHILDREN) {
                knob("cleanup.sweep", "delete pods by label " + labelSelector(s), s.line());
            } else {
                knob("cleanup.delete-wait", s.option("--wait").isEmpty() ? (s.has("--wait") ? "true" : "default") : s.option("--wait"),
                        s.line());
                knob("cleanup.delete-timeout", s.option("--timeout").isEmpty() ? "none (unbounded)" : s.option("--timeout"), s.line());
            }
            how.merge(OpKind.CLEANUP, event(OpKind.CLEANUP, s) + where(s), (a, b) -> a.contains(b.split(" ")[0]) ? a : a + ", " + b);
        }

        private String labelSelector(Step s) {
            String l = s.option("-l");
            return normaliseVars(l.isEmpty() ? s.option("--selector") : l);
        }

        private void upload(Step s) {
            String dest = s.args().stream().filter(a -> a.matches("^[a-z0-9]+://.*")).reduce((a, b) -> b).orElse(effects.of(s).detail());
            String expanded = values.expand(dest);
            Matcher m = URL.matcher(expanded);
            if (m.find() && !knobs.containsKey("upload.bucket")) {
                knob("upload.bucket", m.group(1), s.line());
                knob("upload.key-shape", normaliseVars(keyShape(dest)), s.line());
            }
            knob("upload.on-failure", s.onExit() ? "yes (EXIT trap)" : "no (success path only)", s.line());
            String tool = s.args().size() > 1 ? s.name() + " " + s.args().get(0) + " " + s.args().get(1) : s.name();
            tool = tool.startsWith("aws s3 ") || tool.startsWith("aws s3api ") ? tool : s.name() + (s.args().isEmpty() ? "" : " " + s.args().get(0));
            how.merge(OpKind.UPLOAD, tool + (s.has("--recursive") ? " --recursive" : "") + where(s), (a, b) -> a);
        }

        /** The destination with the bucket dropped: the part a key-shape comparison cares about. */
        private String keyShape(String dest) {
            return keyShape(dest, 0);
        }

        private String keyShape(String dest, int depth) {
            String d = dest.replaceFirst("^[a-z0-9]+://[^/]+/?", "");
            Matcher m = REFERENCE.matcher(d);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String raw = script.lastAssignment(m.group(1)).map(Assignment::value).orElse("");
                String replacement = raw.contains("/") && depth < 4 ? keyShape(raw, depth + 1) : "${" + m.group(1) + "}";
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }

        private void derivations() {
            for (Assignment a : script.assignments()) {
                Matcher m = DERIVATION.matcher(a.value());
                if (m.find()) {
                    String value = values.value(a.name()).orElse("?");
                    if (a.name().endsWith("RUN_ID")) {
                        extras.add(new ExtraStep(ExtraStep.Kind.COVERED, "run id " + a.name() + " derived from " + m.group(1) + " (`"
                                + a.value() + "`)", a.line(), "the runner's --run-id default (derived from the Job's pod name)"));
                        continue;
                    }
                    extras.add(new ExtraStep(ExtraStep.Kind.DERIVED_VALUE, a.name() + " derived from " + m.group(1) + " (`" + a.value()
                            + "`, = " + value + ")", a.line(), "the typed CronJob's values (computed at migration), or a --var"));
                }
            }
        }

        private void logFormat() {
            for (String fn : script.functions().keySet()) {
                List<Step> body = script.steps().stream().filter(s -> s.function().equals(fn)).toList();
                Optional<Step> print = body.stream().filter(s -> s.name().equals("echo") || s.name().equals("printf"))
                        .filter(s -> s.text().contains("date") || body.stream().anyMatch(x -> x.name().equals("date"))).findFirst();
                if (print.isEmpty()) {
                    continue;
                }
                String date = body.stream().filter(s -> s.name().equals("date")).findFirst()
                        .map(s -> String.join(" ", s.args())).orElse("");
                String style = print.get().text().contains("{\\\"") || print.get().text().contains("{\"") ? "json lines" : "text";
                knob("log.format", style + ", timestamp `date " + date + "`", print.get().line());
                knob("log.function", fn + "()", script.functions().get(fn));
                return;
            }
            knob("log.format", "plain echo", 0);
        }

        private void runId() {
            for (String candidate : runIdNames) {
                Optional<Assignment> a = script.lastAssignment(candidate);
                if (a.isPresent()) {
                    knob("run-id.scheme", a.get().value(), a.get().line());
                    return;
                }
            }
        }

        private Map<String, Integer> inputs() {
            Map<String, Integer> in = new TreeMap<>();
            for (Assignment a : script.assignments()) {
                Matcher m = INPUT.matcher(a.value());
                while (m.find()) {
                    in.putIfAbsent(m.group(1), a.line());
                }
            }
            for (Step s : script.steps()) {
                if (s.name().equals(":")) {
                    for (String arg : s.args()) {
                        Matcher m = INPUT.matcher(arg);
                        while (m.find()) {
                            in.putIfAbsent(m.group(1), s.line());
                        }
                    }
                }
            }
            return in;
        }

        private void knob(String name, String value, int line) {
            knobs.put(name, KnobValue.of(value, FILE, line));
        }

        private static String where(Step s) {
            return s.function().isEmpty() || s.onExit() ? (s.onExit() ? " (in the EXIT trap " + s.function() + "())" : "")
                    : " (inside " + s.function() + "())";
        }
    }

    static String seconds(String text) {
        String t = text.strip();
        if (t.matches("[0-9]+")) {
            return t + "s";
        }
        return t;
    }

    /** Seconds (or minutes, when the condition's names say so) as a Go duration. */
    static String minutes(long value, String condition) {
        boolean inMinutes = condition.matches("(?s).*_MIN\\b.*|.*_MINUTES\\b.*") && value < 600;
        long seconds = inMinutes ? value * 60 : value;
        return seconds % 60 == 0 ? (seconds / 60) + "m" : seconds + "s";
    }

    static String normaliseVars(String text) {
        return text.replaceAll("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}", "\\$$1");
    }

    static String abbreviate(String text) {
        String t = text.replaceAll("\\s*\\\\\\n\\s*", " ").replaceAll("\\s+", " ").strip();
        return t.length() > 70 ? t.substring(0, 67) + "..." : t;
    }

    /** For tests and the generator: an order-preserving copy. */
    static Map<String, String> env(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
