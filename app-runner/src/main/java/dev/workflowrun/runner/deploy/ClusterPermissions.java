package dev.workflowrun.runner.deploy;

import java.util.List;
import java.util.Set;

/**
 * The Kubernetes API calls the runner makes, as RBAC rules: the one list that {@code deploy/base/rbac.yaml}
 * must grant exactly (a test compares them, and an end-to-end test checks every request a run made
 * is covered). Adding a call to an adapter without adding it here fails that test.
 */
public final class ClusterPermissions {

    /** One RBAC rule: an API group, a resource (or subresource such as {@code pods/log}) and its verbs. */
    public record Permission(String apiGroup, String resource, Set<String> verbs) {

        public Permission {
            verbs = Set.copyOf(verbs);
        }
    }

    public static final List<Permission> REQUIRED = List.of(
            // apply (create), adopt on a retry (get), wait (list, watch), abort annotation (patch), delete.
            new Permission("chaos-mesh.org", "workflows", Set.of("get", "list", "watch", "create", "patch", "delete")),
            // the node tree for progress and outcome; the sweep deletes leftovers.
            new Permission("chaos-mesh.org", "workflownodes", Set.of("get", "list", "watch", "delete")),
            // Task pods' exit codes and reasons; the sweep deletes leftovers.
            new Permission("", "pods", Set.of("get", "list", "watch", "delete")),
            // log tails, captured before anything is deleted.
            new Permission("", "pods/log", Set.of("get")),
            // events about the run's objects, for the bundle.
            new Permission("", "events", Set.of("list")),
            // the per-run ConfigMap workflow-vars-<workflow name> the Tasks read, captured (scrubbed) as the wrappers did.
            new Permission("", "configmaps", Set.of("get")));

    /**
     * Calls the runner makes where it may, and does without where it may not: the version of Chaos
     * Mesh's controller-manager Deployment, in Chaos Mesh's own namespace (abort needs v2.2.0 or
     * later). Refused, the run says the check was skipped. deploy/base/rbac.yaml shows the Role to grant it.
     */
    public static final List<Permission> OPTIONAL = List.of(
            new Permission("apps", "deployments", Set.of("get")));

    /**
     * Non-resource URLs every identity may read through Kubernetes' default ClusterRole
     * {@code system:public-info-viewer} (bound to all users): the pre-flight check reads {@code /version}.
     */
    static final Set<String> PUBLIC_NON_RESOURCE = Set.of("version");

    private ClusterPermissions() {
    }

    /**
     * Whether a request the cluster adapter counted ({@code "watch workflows"}, or in HTTP terms
     * {@code "GET workflows"}) is covered. An HTTP GET may be a get, a list or a watch, so it is
     * taken as covered when the resource grants get or list.
     */
    public static boolean covers(String verb, String resource) {
        if (verb.equals("GET") && PUBLIC_NON_RESOURCE.contains(resource)) {
            return true;
        }
        return java.util.stream.Stream.concat(REQUIRED.stream(), OPTIONAL.stream()).filter(p -> p.resource().equals(resource)).anyMatch(p -> switch (verb) {
            case "GET" -> p.verbs().contains("get") || p.verbs().contains("list");
            case "POST" -> p.verbs().contains("create");
            case "PATCH" -> p.verbs().contains("patch");
            case "PUT" -> p.verbs().contains("update");
            case "DELETE" -> p.verbs().contains("delete");
            default -> p.verbs().contains(verb.toLowerCase(java.util.Locale.ROOT));
        });
    }
}
