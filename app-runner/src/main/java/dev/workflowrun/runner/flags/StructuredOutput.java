package dev.workflowrun.runner.flags;

import dev.workflowrun.domain.json.JsonText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

import java.io.PrintWriter;

/**
 * {@code -o json|yaml}: a report's model (maps, lists, strings, numbers, booleans, optionals) written
 * for machines. JSON is the model as {@link JsonText} writes it everywhere else; YAML is that same JSON
 * re-encoded by Jackson, so both forms always hold the same fields and values. YAML strings stay quoted: a
 * commit SHA of digits or a value such as {@code no} must not come back as a number or a boolean.
 */
public final class StructuredOutput {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = YAMLMapper.builder().disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

    private StructuredOutput() {
    }

    public static String render(Format format, Object model) {
        String json = JsonText.pretty(model);
        return switch (format) {
            case JSON -> json;
            case YAML -> {
                JsonNode tree = JSON.readTree(json);
                yield YAML.writeValueAsString(tree).stripTrailing();
            }
            case TEXT -> throw new IllegalArgumentException("text is written by each command itself");
        };
    }

    public static void write(Format format, Object model, PrintWriter out) {
        out.println(render(format, model));
        out.flush();
    }
}
