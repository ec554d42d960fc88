package dev.workflowrun.adapters.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reading the untyped Chaos Mesh (and Argo) objects: status fields, conditions, owners. */
final class Resources {

    static final String CHAOS_MESH_GROUP = "chaos-mesh.org";
    static final String LABEL_WORKFLOW = "chaos-mesh.org/workflow";
    static final String LABEL_CONTROLLED_BY = "chaos-mesh.org/controlled-by";
    static final String ANNOTATION_ABORT = "workflow.chaos-mesh.org/abort";
    static final String ARGO_LABEL_WORKFLOW = "workflows.argoproj.io/workflow";

    static final ResourceDefinitionContext CHAOS_WORKFLOW = context("chaos-mesh.org", "v1alpha1", "Workflow", "workflows");
    static final ResourceDefinitionContext CHAOS_WORKFLOW_NODE = context("chaos-mesh.org", "v1alpha1", "WorkflowNode", "workflownodes");
    static final ResourceDefinitionContext ARGO_WORKFLOW = context("argoproj.io", "v1alpha1", "Workflow", "workflows");

    private Resources() {
    }

    static ResourceDefinitionContext context(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(true).build();
    }

    /**
     * The resource of an apiVersion and kind without a discovery request: the kinds a scenario
     * holds are well known; anything else gets the Kubernetes default plural (lower case + s).
     */
    static ResourceDefinitionContext contextOf(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        String lower = kind.toLowerCase(Locale.ROOT);
        String plural = switch (lower) {
            case "networkpolicy" -> "networkpolicies";
            case "ingress" -> "ingresses";
            default -> lower.endsWith("s") ? lower + "es" : lower + "s";
        };
        boolean namespaced = !List.of("namespace", "clusterrole", "clusterrolebinding", "customresourcedefinition",
                "persistentvolume", "storageclass").contains(lower);
        return new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withNamespaced(namespaced).build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static Map<String, Object> status(GenericKubernetesResource r) {
        return map(r.getAdditionalProperties().get("status"));
    }

    static Map<String, Object> spec(GenericKubernetesResource r) {
        return map(r.getAdditionalProperties().get("spec"));
    }

    static Optional<String> text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? Optional.empty() : Optional.of(String.valueOf(v)).filter(s -> !s.isEmpty());
    }

    /** The condition of {@code type} in {@code status.conditions}, if any. */
    static Optional<Map<String, Object>> condition(GenericKubernetesResource r, String type) {
        return list(status(r).get("conditions")).stream().map(Resources::map)
                .filter(c -> type.equals(c.get("type"))).findFirst();
    }

    static boolean conditionTrue(GenericKubernetesResource r, String type) {
        return condition(r, type).map(c -> "True".equals(String.valueOf(c.get("status")))).orElse(false);
    }

    /** A WorkflowNode is finished when Accomplished, DeadlineExceed or Aborted is "True". */
    static boolean finished(GenericKubernetesResource node) {
        return conditionTrue(node, "Accomplished") || conditionTrue(node, "DeadlineExceed") || conditionTrue(node, "Aborted");
    }

    static Optional<OwnerReference> controller(GenericKubernetesResource r) {
        List<OwnerReference> owners = r.getMetadata().getOwnerReferences();
        if (owners == null || owners.isEmpty()) {
            return Optional.empty();
        }
        return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().or(() -> Optional.of(owners.get(0)));
    }

    static String templateName(GenericKubernetesResource node) {
        return text(spec(node), "templateName").orElse(node.getMetadata().getName());
    }

    static String type(GenericKubernetesResource node) {
        return text(spec(node), "type").orElse("");
    }

    static String name(GenericKubernetesResource r) {
        return r.getMetadata().getName();
    }
}
