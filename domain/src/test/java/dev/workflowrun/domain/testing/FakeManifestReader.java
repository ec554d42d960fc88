package dev.workflowrun.domain.testing;

import dev.workflowrun.domain.manifest.ManifestException;
import dev.workflowrun.domain.manifest.ManifestObject;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.manifest.WorkflowSpec;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.variables.GoDuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads only what the core's tests need from a tiny, fixed layout (the real reader lives in
 * adapters-k8s): {@code metadata.name}, {@code metadata.namespace}, {@code spec.entry}, and each
 * template's {@code name}, {@code templateType}, {@code deadline}. Anything else is ignored.
 */
public final class FakeManifestReader implements ReadManifestPort {

    private static final Pattern FIELD = Pattern.compile("^(\\s*)(-\\s+)?([A-Za-z]+):\\s*(.*?)\\s*$");

    @Override
    public ParsedManifest read(String yaml) {
        if (yaml.contains("\t")) {
            throw new ManifestException("line with a tab: YAML forbids tabs for indentation");
        }
        String apiVersion = null;
        String kind = null;
        String name = null;
        String namespace = null;
        String entry = null;
        List<WorkflowTemplate> templates = new ArrayList<>();
        String tName = null;
        String tType = null;
        String tDeadline = null;
        boolean inTemplates = false;
        for (String line : yaml.split("\n")) {
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher m = FIELD.matcher(line);
            if (!m.matches()) {
                continue;
            }
            int indent = m.group(1).length();
            String key = m.group(3);
            String value = m.group(4).replace("\"", "");
            if (indent == 0) {
                switch (key) {
                    case "apiVersion" -> apiVersion = value;
                    case "kind" -> kind = value;
                    default -> { }
                }
            } else if (indent == 2) {
                switch (key) {
                    case "name" -> name = value;
                    case "namespace" -> namespace = value;
                    case "entry" -> entry = value;
                    case "templates" -> inTemplates = true;
                    default -> { }
                }
            } else if (inTemplates && m.group(2) != null && key.equals("name")) {
                if (tName != null) {
                    templates.add(template(tName, tType, tDeadline));
                }
                tName = value;
                tType = null;
                tDeadline = null;
            } else if (inTemplates && key.equals("templateType")) {
                tType = value;
            } else if (inTemplates && key.equals("deadline")) {
                tDeadline = value;
            }
        }
        if (tName != null) {
            templates.add(template(tName, tType, tDeadline));
        }
        if (apiVersion == null || kind == null || name == null) {
            throw new ManifestException("document 1 has no apiVersion, kind or metadata.name");
        }
        ManifestObject object = new ManifestObject(apiVersion, kind, name, Optional.ofNullable(namespace), Map.of());
        Optional<WorkflowSpec> spec = entry == null ? Optional.empty() : Optional.of(new WorkflowSpec(entry, templates));
        return new ParsedManifest(List.of(object), kind.equals("Workflow") ? Optional.of(object) : Optional.empty(), spec);
    }

    private static WorkflowTemplate template(String name, String type, String deadline) {
        return new WorkflowTemplate(name, type == null ? "Task" : type,
                Optional.ofNullable(deadline).map(GoDuration::parse), List.of(), List.of(), List.of(), "",
                "Task".equals(type) || type == null ? Optional.of(name) : Optional.empty());
    }

    @Override
    public List<String> dataDifferences(String expectedYaml, String actualYaml) {
        return expectedYaml.strip().equals(actualYaml.strip()) ? List.of() : List.of("- " + expectedYaml.strip(), "+ " + actualYaml.strip());
    }
}
