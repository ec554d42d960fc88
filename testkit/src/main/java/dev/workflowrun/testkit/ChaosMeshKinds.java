package dev.workflowrun.testkit;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The custom resource kinds the testkit serves, as fabric8 resource contexts, and the label and
 * annotation names the Chaos Mesh controller uses.
 */
public final class ChaosMeshKinds {

    /** {@code workflows.chaos-mesh.org/v1alpha1}. */
    public static final ResourceDefinitionContext WORKFLOW = context("chaos-mesh.org", "Workflow", "workflows");
    /** {@code workflownodes.chaos-mesh.org/v1alpha1}. */
    public static final ResourceDefinitionContext WORKFLOW_NODE = context("chaos-mesh.org", "WorkflowNode", "workflownodes");
    /** An Argo-like {@code workflows.argoproj.io/v1alpha1}, whose outcome is {@code status.phase}. */
    public static final ResourceDefinitionContext ARGO_WORKFLOW = context("argoproj.io", "Workflow", "workflows");

    public static final String API_VERSION = "chaos-mesh.org/v1alpha1";
    /** On every WorkflowNode and Task pod: the Workflow's name. */
    public static final String LABEL_WORKFLOW = "chaos-mesh.org/workflow";
    /** On nodes and pods: the parent node's (or the Workflow's) name. */
    public static final String LABEL_CONTROLLED_BY = "chaos-mesh.org/controlled-by";
    /** {@code "true"} on a Workflow asks the controller to abort it. */
    public static final String ANNOTATION_ABORT = "workflow.chaos-mesh.org/abort";

    private ChaosMeshKinds() {
    }

    private static ResourceDefinitionContext context(String group, String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion("v1alpha1")
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }
}
