package dev.workflowrun.survey.scenario;

import dev.workflowrun.domain.scenario.PlaceholderHeader;
import dev.workflowrun.domain.variables.VariableDeclaration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Reads {@code workflow.yaml} and {@code cronjob.yaml} with Jackson's YAML reader. */
public final class ScenarioReader {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private ScenarioReader() {
    }

    public static WorkflowFacts workflow(String scenario, String text) {
        JsonNode root = yaml(scenario, ScenarioDirs.WORKFLOW, text);
        List<VariableDeclaration> declared;
        try {
            declared = PlaceholderHeader.read(text);
        } catch (IllegalArgumentException e) {
            throw new SurveyInputException(scenario + ": " + ScenarioDirs.WORKFLOW + ": the placeholder header is invalid: "
                    + e.getMessage(), e);
        }
        if (!"Workflow".equals(root.path("kind").asString(""))) {
            throw new SurveyInputException(scenario + ": " + ScenarioDirs.WORKFLOW + " is a '" + root.path("kind").asString("")
                    + "', not a Chaos Mesh Workflow; put the scenario's Workflow (kind: Workflow) in this file");
        }
        String body = bodyAfterHeader(text);
        TreeSet<String> used = new TreeSet<>();
        Map<String, Integer> declaredLines = new LinkedHashMap<>();
        for (VariableDeclaration d : declared) {
            if (body.contains(d.name()) && Pattern.compile("\\$\\{?" + Pattern.quote(d.name()) + "(?![A-Za-z0-9_])").matcher(body).find()) {
                used.add(d.name());
            }
            declaredLines.put(d.name(), lineOf(text, "$" + d.name()));
        }
        JsonNode spec = root.path("spec");
        String entry = spec.path("entry").asString("");
        Map<String, JsonNode> templates = new LinkedHashMap<>();
        for (JsonNode t : spec.path("templates")) {
            templates.put(t.path("name").asString(""), t);
        }
        JsonNode entryTemplate = templates.get(entry);
        String entryDeadline = entryTemplate == null ? "" : entryTemplate.path("deadline").asString("");
        List<String> children = new ArrayList<>();
        Map<String, String> taskDeadlines = new LinkedHashMap<>();
        if (entryTemplate != null) {
            for (JsonNode c : entryTemplate.path("children")) {
                children.add(c.asString(""));
                JsonNode t = templates.get(c.asString(""));
                taskDeadlines.put(c.asString(""), t == null ? "" : t.path("deadline").asString(""));
            }
        }
        TreeSet<String> images = new TreeSet<>();
        TreeSet<String> configMaps = new TreeSet<>();
        for (JsonNode t : templates.values()) {
            JsonNode container = t.path("task").path("container");
            if (container.has("image")) {
                images.add(container.path("image").asString(""));
            }
            for (JsonNode e : container.path("envFrom")) {
                if (e.path("configMapRef").has("name")) {
                    configMaps.add(e.path("configMapRef").path("name").asString(""));
                }
            }
        }
        JsonNode meta = root.path("metadata");
        return new WorkflowFacts(meta.path("name").asString(""), meta.path("namespace").asString(""), entry, entryDeadline,
                children, taskDeadlines, images, configMaps, declared, used, declaredLines,
                lineOf(text, "deadline: " + entryDeadline));
    }

    public static CronJobFacts cronjob(String scenario, String text) {
        JsonNode root = yaml(scenario, ScenarioDirs.CRONJOB, text);
        if (!"CronJob".equals(root.path("kind").asString(""))) {
            throw new SurveyInputException(scenario + ": " + ScenarioDirs.CRONJOB + " is a '" + root.path("kind").asString("")
                    + "', not a CronJob; put the scenario's batch/v1 CronJob in this file or leave it out");
        }
        JsonNode job = root.path("spec").path("jobTemplate").path("spec");
        JsonNode pod = job.path("template").path("spec");
        JsonNode container = pod.path("containers").path(0);
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Integer> envLines = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asString("");
            env.put(name, e.has("value") ? e.path("value").asString("") : "<valueFrom>");
            envLines.put(name, lineOf(text, "- name: " + name));
        }
        return new CronJobFacts(root.path("metadata").path("name").asString(""), root.path("spec").path("schedule").asString(""),
                root.path("spec").path("concurrencyPolicy").asString("Allow"), job.path("backoffLimit").asString("6"),
                job.path("activeDeadlineSeconds").asString(""), pod.path("serviceAccountName").asString("default"),
                container.path("image").asString(""), env, envLines, root);
    }

    private static JsonNode yaml(String scenario, String file, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new SurveyInputException(scenario + ": " + file + " is not valid YAML" + where + " ("
                    + e.getOriginalMessage() + "); fix the syntax and run the survey again", e);
        }
        if (root == null || !root.isObject()) {
            throw new SurveyInputException(scenario + ": " + file + " is not a YAML mapping (a Kubernetes object); "
                    + "it must start with apiVersion/kind");
        }
        return root;
    }

    /** The manifest without its leading comment block, so the header's own $NAME lines do not count as uses. */
    private static String bodyAfterHeader(String text) {
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && (lines[i].startsWith("#") || lines[i].isBlank())) {
            i++;
        }
        StringBuilder sb = new StringBuilder();
        for (; i < lines.length; i++) {
            String l = lines[i];
            if (!l.stripLeading().startsWith("#")) {
                sb.append(l).append('\n');
            }
        }
        return sb.toString();
    }

    /** The 1-based line of the first occurrence of a needle, or 0. */
    public static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        if (at < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
