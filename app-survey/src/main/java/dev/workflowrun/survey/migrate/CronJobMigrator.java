package dev.workflowrun.survey.migrate;

import dev.workflowrun.domain.variables.PlaceholderRole;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.survey.classify.ScenarioSurveyor;
import dev.workflowrun.survey.model.KnobValue;
import dev.workflowrun.survey.model.ScenarioFacts;
import dev.workflowrun.survey.scenario.CronJobFacts;
import dev.workflowrun.survey.scenario.ScenarioDir;
import dev.workflowrun.survey.scenario.ScenarioDirs;
import dev.workflowrun.survey.scenario.ScenarioReader;
import dev.workflowrun.survey.scenario.SurveyInputException;
import dev.workflowrun.survey.scenario.WorkflowFacts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a scenario's CronJob into the typed one: the same CronJob (schedule, policies, service account,
 * resources, values) whose container runs {@code workflow-run run} with flags instead of the wrapper bash.
 * Values stay in the container's {@code env} and reach the flags through Kubernetes' {@code $(NAME)}
 * interpolation, so bumping an image is still a one-line change to {@code env}.
 */
public final class CronJobMigrator {

    public static final String FILE = "cronjob.typed.yaml";
    public static final String DEFAULT_IMAGE = "ghcr.io/sei-protocol/workflow-run:0.1.0";
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES).enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR).build();

    private static final DeployProfile PROFILE = DeployProfile.load();

    private CronJobMigrator() {
    }

    public static String migrate(ScenarioDir dir, String runnerImage) {
        if (!java.nio.file.Files.exists(dir.dir().resolve(ScenarioDirs.CRONJOB))) {
            throw new SurveyInputException(dir.name() + ": " + dir.dir().resolve(ScenarioDirs.CRONJOB)
                    + " is missing; migration rewrites the scenario's CronJob, so it needs one");
        }
        ScenarioFacts facts = ScenarioSurveyor.survey(dir);
        WorkflowFacts workflow = ScenarioReader.workflow(dir.name(), ScenarioDirs.read(dir, ScenarioDirs.WORKFLOW));
        CronJobFacts cron = ScenarioReader.cronjob(dir.name(), ScenarioDirs.read(dir, ScenarioDirs.CRONJOB));
        ObjectNode root = (ObjectNode) cron.tree().deepCopy();
        ObjectNode pod = (ObjectNode) root.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        ArrayNode containers = (ArrayNode) pod.path("containers");
        ObjectNode old = (ObjectNode) containers.get(0);
        ObjectNode container = YAML.createObjectNode();
        container.put("name", "workflow-run");
        container.put("image", runnerImage);
        ArrayNode args = container.putArray("args");
        ArrayNode env = container.putArray("env");
        Set<String> inEnv = new LinkedHashSet<>();
        for (JsonNode e : old.path("env")) {
            env.add(e.deepCopy());
            inEnv.add(e.path("name").asString(""));
        }
        args.add("run");
        args.add("--scenario=" + dir.name());
        args.add("--scenario-repo=" + required(facts, "wrapper.fetch.repo", dir, "the repository the wrapper fetches from"));
        if (inEnv.contains("SCENARIO_REF")) {
            args.add("--scenario-ref=$(SCENARIO_REF)");
        } else {
            throw new SurveyInputException(dir.name() + ": cronjob.yaml sets no SCENARIO_REF; add it to the container's env so the "
                    + "typed CronJob can pass --scenario-ref");
        }
        args.add("--bucket=" + required(facts, "wrapper.upload.bucket", dir, "the bucket the wrapper uploads to"));
        String nsVar = facts.variableFor("--namespace").isEmpty() ? "SEI_NAMESPACE" : facts.variableFor("--namespace");
        if (inEnv.contains(nsVar)) {
            args.add("--namespace=$(" + nsVar + ")");
        } else {
            value(facts, "var." + nsVar).ifPresent(ns -> args.add("--namespace=" + ns));
        }
        String runIdVar = facts.variableFor("--run-id");
        if (!runIdVar.isEmpty() && inEnv.contains(runIdVar)) {
            args.add("--run-id=$(" + runIdVar + ")");
        }
        // The roles as inferred, so the runner fills the same placeholders the wrapper did, whatever they are called.
        Set<String> declaredNames = new LinkedHashSet<>(workflow.declared().stream().map(VariableDeclaration::name).toList());
        if (!runIdVar.isEmpty() && declaredNames.contains(runIdVar) && !runIdVar.equals(PlaceholderRole.RUN_ID.defaultVariable())) {
            args.add(PlaceholderRole.RUN_ID.variableFlag() + "=" + runIdVar);
        }
        if (declaredNames.contains(nsVar) && !nsVar.equals(PlaceholderRole.NAMESPACE.defaultVariable())) {
            args.add(PlaceholderRole.NAMESPACE.variableFlag() + "=" + nsVar);
        }
        facts.roles().forEach((v, role) -> {
            if (role.equals("--git-token-env")) {
                args.add("--git-token-env=" + v);
            } else if (role.equals("--git-token-file")) {
                args.add("--git-token-file=$(" + v + ")");
            }
        });
        value(facts, "wrapper.wait.soft-deadline").ifPresent(v -> args.add("--soft-deadline=" + v));
        value(facts, "wrapper.wait.hard-deadline").ifPresent(v -> args.add("--hard-deadline=" + v));
        List<String> names = new ArrayList<>();
        workflow.declared().stream().map(VariableDeclaration::name)
                .filter(n -> !ScenarioSurveyor.IDENTITY.containsKey(n) && !facts.roles().containsKey(n)).forEach(names::add);
        for (String n : names) {
            if (!inEnv.contains(n)) {
                String v = value(facts, "var." + n).orElseThrow(() -> new SurveyInputException(dir.name() + ": the scenario declares $" + n
                        + " but neither cronjob.yaml nor wrapper.sh gives it a value; add it to the CronJob's env"));
                ObjectNode e = env.addObject();
                e.put("name", n);
                e.put("value", v);
                inEnv.add(n);
            }
            args.add("--var=" + n + "=$(" + n + ")");
        }
        if (names.contains("SEITASK_IMAGE")) {
            // The SHA invariant the review bot used to catch: the task image is built from the scenario's commit.
            args.add("--expect-ref-image=SEITASK_IMAGE");
        }
        if (facts.knobs().containsKey("cronjob.scenario-ref") && value(facts, "cronjob.scenario-ref").filter(r -> r.matches("[0-9a-f]{40}")).isPresent()) {
            args.add("--require-pinned-ref");
        }
        old.properties().forEach(p -> {
            if (!Set.of("name", "image", "command", "args", "env", "volumeMounts", "resources", "securityContext", "imagePullPolicy")
                    .contains(p.getKey())) {
                container.set(p.getKey(), p.getValue().deepCopy());
            }
        });
        String scriptDir = scriptDir(old);
        List<String> droppedVolumes = new ArrayList<>();
        ArrayNode mounts = YAML.createArrayNode();
        for (JsonNode mnt : old.path("volumeMounts")) {
            if (!scriptDir.isEmpty() && scriptDir.equals(mnt.path("mountPath").asString(""))) {
                droppedVolumes.add(mnt.path("name").asString(""));
            } else {
                mounts.add(mnt.deepCopy());
            }
        }
        if (!mounts.isEmpty()) {
            container.set("volumeMounts", mounts);
        }
        containers.set(0, container);
        ObjectNode jobSpec = (ObjectNode) root.path("spec").path("jobTemplate").path("spec");
        PROFILE.applyTo(jobSpec, pod, container, args);
        if (pod.has("volumes")) {
            ArrayNode volumes = YAML.createArrayNode();
            for (JsonNode v : pod.path("volumes")) {
                if (!droppedVolumes.contains(v.path("name").asString(""))) {
                    volumes.add(v.deepCopy());
                }
            }
            if (volumes.isEmpty()) {
                pod.remove("volumes");
            } else {
                pod.set("volumes", volumes);
            }
        }
        String header = "# " + dir.name() + ": the typed CronJob written by `survey migrate` from cronjob.yaml and wrapper.sh.\n"
                + "# Same schedule, service account and values; the container runs workflow-run instead of the wrapper bash, with\n"
                + "# deploy/'s security context, resources, retry and failure policy, deadlines and grace.\n"
                + (names.contains("SEITASK_IMAGE") ? "# SHA invariant: --expect-ref-image refuses, before apply, a SEITASK_IMAGE not built from SCENARIO_REF's commit;\n"
                        + "# `workflow-run verify` checks the same at build time.\n" : "");
        return header + YAML.writeValueAsString(root);
    }

    private static String required(ScenarioFacts facts, String knob, ScenarioDir dir, String what) {
        return value(facts, knob).orElseThrow(() -> new SurveyInputException(dir.name() + ": could not find " + what
                + " in wrapper.sh (knob " + knob + "); the migration needs it"));
    }

    private static java.util.Optional<String> value(ScenarioFacts facts, String knob) {
        KnobValue v = facts.knobs().get(knob);
        if (v == null || v.value().isEmpty() || v.value().equals("(no value)")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(v.value());
    }

    /** The directory the wrapper script is mounted at, from the old command ({@code /bin/bash /scripts/wrapper.sh}). */
    private static String scriptDir(JsonNode container) {
        for (JsonNode c : container.path("command")) {
            String s = c.asString("");
            if (s.endsWith(".sh") && s.contains("/")) {
                return s.substring(0, s.lastIndexOf('/'));
            }
        }
        return "";
    }
}
