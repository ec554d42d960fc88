package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.ApplyResult;
import dev.workflowrun.domain.cluster.ClusterException;
import dev.workflowrun.domain.cluster.ForeignWorkflowException;
import dev.workflowrun.domain.cluster.RunLabels;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.text.Printable;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Apply or adopt: one GET of the Workflow decides. If it exists and carries every one of this run's
 * labels it is adopted (a retried Job) and nothing is written; someone else's is refused. Otherwise
 * the manifest's objects are created in order, each with one POST; only an object that exists
 * already (409) is read, checked to be this run's, and replaced.
 *
 * <p>Create first, not server-side apply: a new run's objects do not exist (the GET and the checks
 * before any write say so), so a POST is the one request that creates each on every API server,
 * while an apply PATCH is refused by servers without server-side apply and then costs a second request.
 */
final class WorkflowApply {

    private final RunObjects run;
    private final KubernetesClient client;
    private final KubernetesCalls calls;
    private final WorkflowHandle handle;
    private final RunMemory memory;

    WorkflowApply(RunObjects run, RunMemory memory) {
        this.run = run;
        this.client = run.client();
        this.calls = run.calls();
        this.handle = run.handle();
        this.memory = memory;
    }

    /** The manifest's objects, parsed; the Workflow named by the handle among them. */
    static List<GenericKubernetesResource> objects(KubernetesClient client, String renderedYaml) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        for (YamlDocuments.Document doc : YamlDocuments.read(renderedYaml, "the rendered manifest")) {
            objects.add(client.getKubernetesSerialization().unmarshal(doc.root().toString(), GenericKubernetesResource.class));
        }
        return objects;
    }

    static GenericKubernetesResource workflowOf(List<GenericKubernetesResource> objects, WorkflowHandle handle) {
        return objects.stream()
                .filter(o -> "Workflow".equals(o.getKind()) && handle.name().equals(o.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new ClusterException("the rendered manifest holds no Workflow named " + handle.name()
                        + "; found " + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
    }

    ApplyResult applyOrAdopt(List<GenericKubernetesResource> objects, GenericKubernetesResource workflow) {
        Target target = run.target();
        GenericKubernetesResource existing = calls.call("GET", target.workflow().getPlural(), "looking for Workflow " + handle,
                () -> run.workflow().get());
        if (existing != null) {
            // Adopt only what this runner created for this very run: every one of the run's labels, with its value.
            List<String> missing = missingRunLabels(existing);
            if (!missing.isEmpty()) {
                String owner = labels(existing).get(RunLabels.RUN_ID);
                throw new ForeignWorkflowException("a Workflow named " + handle + " already exists but this runner did not create it for run "
                        + handle.runId() + " of scenario " + handle.scenario() + " ("
                        + (owner != null && !owner.equals(handle.runId()) ? "it belongs to run " + Printable.of(owner) + "; " : "")
                        + String.join(", ", missing)
                        + "); it is not adopted and nothing was changed: delete it yourself if it is stale, or use another --run-id");
            }
            memory.written();
            memory.sawWorkflow(existing);
            return ApplyResult.ADOPTED;
        }
        for (GenericKubernetesResource object : objects) {
            if (object != workflow) {
                refuseIfForeign(object);
            }
        }
        for (GenericKubernetesResource object : objects) {
            String ns = object.getMetadata().getNamespace();
            if (ns != null && !ns.equals(handle.namespace())) {
                throw new ClusterException(object.getKind() + "/" + object.getMetadata().getName() + " asks for namespace " + ns
                        + " but the run targets " + handle.namespace() + "; all objects of a scenario go into the run's namespace");
            }
            object.getMetadata().setNamespace(handle.namespace());
            Map<String, String> labels = new LinkedHashMap<>(labels(object));
            labels.putAll(RunLabels.of(handle));
            object.getMetadata().setLabels(labels);
            memory.written();
            GenericKubernetesResource stored = create(object, object == workflow ? target.workflow()
                    : Resources.contextOf(object.getApiVersion(), object.getKind()));
            if (object == workflow) {
                memory.sawWorkflow(stored);
            }
        }
        return ApplyResult.APPLIED;
    }

    /** Before anything is written: an object of the manifest that exists already must be this run's own (a retry's). */
    private void refuseIfForeign(GenericKubernetesResource object) {
        ResourceDefinitionContext kind = Resources.contextOf(object.getApiVersion(), object.getKind());
        String name = object.getMetadata().getName();
        GenericKubernetesResource existing;
        try {
            existing = calls.call("GET", kind.getPlural(), "looking for " + object.getKind() + " " + handle.namespace() + "/" + name,
                    () -> client.genericKubernetesResources(kind).inNamespace(handle.namespace()).withName(name).get());
        } catch (KubernetesClientException e) {
            return; // not readable (e.g. no GET permission): the write that follows says what is wrong
        }
        List<String> missing = existing == null ? List.of() : missingRunLabels(existing);
        if (!missing.isEmpty()) {
            throw new ForeignWorkflowException(object.getKind() + " " + handle.namespace() + "/" + name
                    + " already exists but this runner did not create it for run " + handle.runId() + " (" + String.join(", ", missing)
                    + "); nothing was applied: rename the object in the scenario, or delete it yourself if it is stale");
        }
    }

    /** One POST; on 409 (it exists: a retry's own object, or one created meanwhile) a GET, and a PUT only when it is this run's. */
    private GenericKubernetesResource create(GenericKubernetesResource object, ResourceDefinitionContext kind) {
        Resource<GenericKubernetesResource> resource = client.genericKubernetesResources(kind).inNamespace(handle.namespace()).resource(object);
        String what = "applying " + object.getKind() + " " + handle.namespace() + "/" + object.getMetadata().getName();
        try {
            return calls.call("POST", kind.getPlural(), what, resource::create);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                GenericKubernetesResource existing = calls.call("GET", kind.getPlural(), what, resource::get);
                List<String> missing = existing == null ? List.of() : missingRunLabels(existing);
                if (!missing.isEmpty()) {
                    throw new ForeignWorkflowException(object.getKind() + " " + handle.namespace() + "/" + object.getMetadata().getName()
                            + " already exists but this runner did not create it for run " + handle.runId() + " (" + String.join(", ", missing)
                            + "); it is left as it is: rename the object in the scenario, or delete it yourself if it is stale");
                }
                return calls.call("PUT", kind.getPlural(), what, resource::update);
            }
            if (e.getCode() == 404) {
                throw new ClusterException(what + " failed: the API server does not serve " + kind.getPlural() + "." + kind.getGroup()
                        + " (HTTP 404); is the engine (its CRDs) installed in this cluster?", e);
            }
            throw new ClusterException(what + " failed: " + KubernetesCalls.describe(e), e);
        }
    }

    /** The run's labels an existing object lacks (or carries with another value), each as {@code key=value}; empty when it is this run's. */
    private List<String> missingRunLabels(GenericKubernetesResource existing) {
        Map<String, String> has = labels(existing);
        List<String> missing = new ArrayList<>();
        new TreeMap<>(RunLabels.of(handle)).forEach((key, value) -> {
            String actual = has.get(key);
            if (actual == null) {
                missing.add("no label " + key + "=" + value);
            } else if (!actual.equals(value)) {
                missing.add("label " + key + " is '" + Printable.of(actual) + "', not '" + value + "'");
            }
        });
        return missing;
    }

    private static Map<String, String> labels(GenericKubernetesResource r) {
        return r.getMetadata().getLabels() == null ? Map.of() : r.getMetadata().getLabels();
    }
}
