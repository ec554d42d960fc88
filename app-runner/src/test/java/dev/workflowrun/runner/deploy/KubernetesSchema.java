package dev.workflowrun.runner.deploy;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Manifests checked against the Kubernetes OpenAPI schema, through the official Java client's models,
 * which are generated from it: {@code validateJsonElement} refuses a field the schema does not define
 * and a required field that is missing, at any depth. A kind this does not know is a problem too, so a
 * new manifest cannot slip through unchecked.
 */
final class KubernetesSchema {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, Validator> BY_KIND = Map.of(
            "batch/v1 CronJob", V1CronJob::validateJsonElement,
            "batch/v1 Job", V1Job::validateJsonElement,
            "v1 ServiceAccount", V1ServiceAccount::validateJsonElement,
            "v1 ConfigMap", V1ConfigMap::validateJsonElement,
            "v1 Secret", V1Secret::validateJsonElement,
            "rbac.authorization.k8s.io/v1 Role", V1Role::validateJsonElement,
            "rbac.authorization.k8s.io/v1 RoleBinding", V1RoleBinding::validateJsonElement);

    @FunctionalInterface
    private interface Validator {
        void validate(JsonElement json) throws IOException;
    }

    private KubernetesSchema() {
    }

    /** Every schema violation in a (multi-document) YAML file, each naming the object; empty when all are valid. */
    static List<String> problems(String source, String yaml) {
        List<String> problems = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode node = (JsonNode) docs.next();
                if (node == null || node.isMissingNode() || node.isNull()) {
                    continue;
                }
                String kind = node.path("apiVersion").asString() + " " + node.path("kind").asString();
                String name = source + ": " + kind + " " + node.path("metadata").path("name").asString();
                Validator validator = BY_KIND.get(kind);
                if (validator == null) {
                    problems.add(name + ": no schema known for this kind");
                    continue;
                }
                try {
                    validator.validate(JsonParser.parseString(JSON.writeValueAsString(node)));
                } catch (IllegalArgumentException | IOException e) {
                    problems.add(name + ": " + e.getMessage());
                }
            }
        } catch (tools.jackson.core.JacksonException e) {
            problems.add(source + ": not YAML: " + e.getMessage());
        }
        return problems;
    }
}
