package dev.workflowrun.testkit;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Chaos Mesh validating webhook {@code vworkflow.kb.io} on Workflow creation
 * ({@code api/v1alpha1/workflow_webhook.go}, {@code ValidateCreate}: {@code entryMustExists},
 * {@code validateTemplates}, {@code namesCouldNotBeDuplicated}, {@code validateTemplate}), the
 * checks a scenario can fail: no or unknown entry, no templates, duplicate template names,
 * template names that are not DNS-1123 subdomains, Suspend without deadline, Serial/Parallel
 * children naming no template, unknown template types.
 *
 * <p>The webhook is served by controller-runtime, whose {@code admission.Denied} answers with code
 * 403; the API server then refuses the request with HTTP 403, reason {@code Forbidden} and the
 * message {@code admission webhook "vworkflow.kb.io" denied the request: <errors>}.
 */
final class WorkflowAdmission {

    private static final Pattern WORKFLOWS = Pattern.compile("^" + Pattern.quote(ObjectStore.CHAOS_MESH_PREFIX) + "/namespaces/[^/]+/workflows/?(\\?.*)?$");
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Set<String> KNOWN = Set.of("Task", "Serial", "Parallel", "Suspend", "Schedule", "StatusCheck",
            "AWSChaos", "AzureChaos", "BlockChaos", "DNSChaos", "GCPChaos", "HTTPChaos", "IOChaos", "JVMChaos", "KernelChaos",
            "NetworkChaos", "PhysicalMachineChaos", "PodChaos", "StressChaos", "TimeChaos");

    Optional<MockResponse> review(String path, String body) {
        if (!WORKFLOWS.matcher(path).matches()) {
            return Optional.empty();
        }
        List<String> errors;
        try {
            errors = errors(Serialization.unmarshal(body, Map.class));
        } catch (RuntimeException e) {
            return Optional.empty(); // not JSON: the mock answers as it would
        }
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        String message = "admission webhook \"vworkflow.kb.io\" denied the request: "
                + (errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        Map<String, Object> status = Map.of("kind", "Status", "apiVersion", "v1", "metadata", Map.of(), "status", "Failure",
                "message", message, "reason", "Forbidden", "code", 403);
        return Optional.of(new MockResponse().setResponseCode(403).setBody(Serialization.asJson(status))
                .setHeader("Content-Type", "application/json"));
    }

    @SuppressWarnings("unchecked")
    static List<String> errors(Map<String, Object> workflow) {
        Map<String, Object> spec = workflow.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        List<Map<String, Object>> templates = spec.get("templates") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        Set<String> names = new HashSet<>();
        templates.forEach(t -> names.add(String.valueOf(t.get("name"))));
        List<String> errors = new ArrayList<>();
        Object entry = spec.get("entry");
        if (entry == null || String.valueOf(entry).isEmpty()) {
            errors.add("spec.entry: Required value: the entry of workflow is required");
        }
        if (!names.contains(String.valueOf(entry))) {
            errors.add("spec.entry: Invalid value: \"" + (entry == null ? "" : entry) + "\": can not find a template with name " + (entry == null ? "" : entry));
        }
        if (templates.isEmpty()) {
            errors.add("spec.templates: Invalid value: \"null\": templates in workflow could not be empty");
            return errors;
        }
        Set<String> seen = new HashSet<>();
        List<String> duplicated = new ArrayList<>();
        for (Map<String, Object> t : templates) {
            String name = String.valueOf(t.get("name"));
            if (!seen.add(name) && !duplicated.contains(name)) {
                duplicated.add(name);
            }
        }
        if (!duplicated.isEmpty()) {
            errors.add("spec.templates: Invalid value: \"" + String.join(",", duplicated) + "\": template name must be unique");
        }
        for (int i = 0; i < templates.size(); i++) {
            Map<String, Object> t = templates.get(i);
            String path = "spec.templates[" + i + "]";
            Object name = t.get("name");
            if (name == null || String.valueOf(name).isEmpty()) {
                errors.add(path + ".name: Required value: name of template is required");
            }
            String n = name == null ? "" : String.valueOf(name);
            if (n.length() > 253 || !DNS1123_SUBDOMAIN.matcher(n).matches()) {
                errors.add(path + ".name: Invalid value: \"" + n + "\": field name must be DNS-1123 subdomain");
            }
            String type = String.valueOf(t.get("templateType"));
            if (type.equals("Suspend") && (t.get("deadline") == null || String.valueOf(t.get("deadline")).isEmpty())) {
                errors.add(path + ".deadline: Invalid value: \"null\": deadline in template with type Suspend could not be empty");
            }
            if (type.equals("Serial") || type.equals("Parallel")) {
                List<Object> children = t.get("children") instanceof List<?> c ? (List<Object>) c : List.of();
                for (int j = 0; j < children.size(); j++) {
                    if (!names.contains(String.valueOf(children.get(j)))) {
                        errors.add(path + ".children[" + j + "]: Not found: \"" + children.get(j) + "\"");
                    }
                }
            }
            if (!KNOWN.contains(type)) {
                errors.add(path + ".templateType: Invalid value: \"" + type + "\": unrecognized template type: " + type);
            }
        }
        return errors;
    }
}
