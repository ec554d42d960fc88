package dev.workflowrun.adapters.k8s;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The resource a run's Workflow is, and the policy that reads its outcome. */
record Target(ResourceDefinitionContext workflow, OutcomePolicy policy) {

    /** The target when no manifest said which (a retried run's cleanup, say): the engine's own kind. */
    static Target of(ClusterOptions.Engine engine) {
        return switch (engine) {
            case STATUS_PHASE -> new Target(Resources.ARGO_WORKFLOW, new StatusPhaseOutcomePolicy());
            case AUTO, CHAOS_MESH -> new Target(Resources.CHAOS_WORKFLOW, new ChaosMeshOutcomePolicy());
        };
    }

    /** The target of a manifest's Workflow: its kind, and the engine's policy ({@code AUTO} picks by the kind's group). */
    static Target of(ClusterOptions.Engine engine, String apiVersion, String kind) {
        ResourceDefinitionContext context = apiVersion.startsWith(Resources.CHAOS_MESH_GROUP + "/") && kind.equals("Workflow")
                ? Resources.CHAOS_WORKFLOW
                : Resources.contextOf(apiVersion, kind);
        OutcomePolicy policy = switch (engine) {
            case CHAOS_MESH -> new ChaosMeshOutcomePolicy();
            case STATUS_PHASE -> new StatusPhaseOutcomePolicy();
            case AUTO -> context.getGroup().equals(Resources.CHAOS_MESH_GROUP) ? new ChaosMeshOutcomePolicy() : new StatusPhaseOutcomePolicy();
        };
        return new Target(context, policy);
    }

    boolean readsNodes() {
        return policy.readsNodes();
    }
}
