package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mock API server's CRUD storage, with the few server-side operations the testkit adds on
 * top of it ({@link ApiServerDeletion} and {@link GarbageCollector}): read, replace and remove an
 * object directly, with the usual resource-version bump and watch event. Every request and every
 * direct operation runs under this object's monitor, so a read-modify-write here cannot interleave
 * with a client's write.
 */
final class ObjectStore extends KubernetesCrudDispatcher {

    static final String CHAOS_MESH_PREFIX = "/apis/chaos-mesh.org/v1alpha1";

    private ApiServerDeletion deletion;
    private WorkflowAdmission admission;

    /**
     * Stops sending events to a watch's listener, before that listener stops its sending thread. The
     * mock removes a closed watch's listener only after its sending thread has stopped; in between,
     * a write that matched the watch scheduled an event on the stopped thread, and the rejection
     * failed that write's request, which then got no answer at all (the client saw a time-out).
     * The set is private to the mock, hence the reflection.
     */
    void stopNotifying(Object watchListener) {
        try {
            java.lang.reflect.Field field = KubernetesCrudDispatcher.class.getDeclaredField("watchEventListeners");
            field.setAccessible(true);
            ((java.util.Set<?>) field.get(this)).remove(watchListener);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a later mock without the field: its own close path still applies
        }
    }

    void install(ApiServerDeletion deletion, WorkflowAdmission admission) {
        this.deletion = deletion;
        this.admission = admission;
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest received) {
        // The body can be read once only: keep it, and hand the mock a request that still has it.
        String body = received.getBody() == null ? "" : received.getUtf8Body();
        RecordedRequest request = new RecordedRequest(received.getHttpVersion(), received.method(), received.getPath(),
                received.getHeaders(), new io.fabric8.mockwebserver.http.Buffer().writeUtf8(body));
        if (deletion != null && "DELETE".equalsIgnoreCase(request.getMethod())) {
            Optional<MockResponse> handled = deletion.delete(request.getPath(), body);
            if (handled.isPresent()) {
                return handled.get();
            }
        }
        if ("PUT".equalsIgnoreCase(request.getMethod())) {
            Optional<MockResponse> kept = updateOfTerminatingPod(request.getPath(), body);
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        if (admission != null && "POST".equalsIgnoreCase(request.getMethod())) {
            Optional<MockResponse> refused = admission.review(request.getPath(), body);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        return super.dispatch(request);
    }

    private static final java.util.regex.Pattern POD = java.util.regex.Pattern.compile("^(/api/v1/namespaces/[^/]+/pods/[^/?]+)(/status)?(\\?.*)?$");

    /**
     * An update of a pod in graceful termination that leaves it without finalizers: the mock would
     * remove it at once, the API server keeps it until its grace period is over and the kubelet
     * deletes it with grace 0 (pod strategy: removal on update needs {@code deletionGracePeriodSeconds == 0}).
     */
    @SuppressWarnings("unchecked")
    private Optional<MockResponse> updateOfTerminatingPod(String path, String body) {
        java.util.regex.Matcher m = POD.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<GenericKubernetesResource> stored = get(m.group(1));
        if (stored.isEmpty() || stored.get().getMetadata().getDeletionTimestamp() == null
                || stored.get().getMetadata().getDeletionGracePeriodSeconds() == null || stored.get().getMetadata().getDeletionGracePeriodSeconds() == 0) {
            return Optional.empty();
        }
        GenericKubernetesResource update = Serialization.unmarshal(body, GenericKubernetesResource.class);
        GenericKubernetesResource pod = stored.get();
        if (m.group(2) != null) {
            pod.setAdditionalProperty("status", update.getAdditionalProperties().get("status"));
        } else {
            if (!update.getMetadata().getFinalizers().isEmpty()) {
                return Optional.empty();
            }
            pod.getMetadata().setFinalizers(List.of());
        }
        replace(m.group(1), pod);
        return Optional.of(new MockResponse().setResponseCode(200).setBody(Serialization.asJson(pod)).setHeader("Content-Type", "application/json"));
    }

    /** The object at an object path ({@code /api/v1/namespaces/ns/pods/name}), if it exists. */
    synchronized Optional<GenericKubernetesResource> get(String path) {
        Map.Entry<AttributeSet, String> entry = findResource(getKey(path));
        return entry == null ? Optional.empty() : Optional.of(Serialization.unmarshal(entry.getValue(), GenericKubernetesResource.class));
    }

    /** Every object of a collection path, e.g. {@code /api/v1/pods} for all namespaces. */
    synchronized List<GenericKubernetesResource> list(String collectionPath) {
        MockResponse response = handleGet(collectionPath);
        String body = response.getBody() == null ? "" : response.getBody().readUtf8();
        if (body.isBlank()) {
            return List.of();
        }
        GenericKubernetesResourceList list = Serialization.unmarshal(body, GenericKubernetesResourceList.class);
        return list.getItems() == null ? List.of() : list.getItems();
    }

    /** Replaces the stored object (metadata included, which a client's update could not change), bumping its resource version. */
    synchronized GenericKubernetesResource replace(String path, GenericKubernetesResource object) {
        AttributeSet key = getKey(path);
        Map.Entry<AttributeSet, String> entry = findResource(key);
        if (entry == null) {
            return object;
        }
        object.getMetadata().setResourceVersion(String.valueOf(requestResourceVersion()));
        processEvent(path, key, entry.getKey(), object, Serialization.asJson(object));
        return object;
    }

    /** Removes the object now (a DELETED watch event), as the API server does once nothing holds it back. */
    synchronized void remove(String path) {
        AttributeSet key = getKey(path);
        Map.Entry<AttributeSet, String> entry = findResource(key);
        if (entry != null) {
            processEvent(path, key, entry.getKey(), null, null);
        }
    }

    /** The object path of a stored object, from its kind. */
    static String pathOf(GenericKubernetesResource r) {
        String ns = r.getMetadata().getNamespace();
        String name = r.getMetadata().getName();
        return switch (r.getKind()) {
            case "Pod" -> "/api/v1/namespaces/" + ns + "/pods/" + name;
            case "Workflow" -> CHAOS_MESH_PREFIX + "/namespaces/" + ns + "/workflows/" + name;
            case "WorkflowNode" -> CHAOS_MESH_PREFIX + "/namespaces/" + ns + "/workflownodes/" + name;
            default -> throw new IllegalArgumentException("the testkit's garbage collector does not handle " + r.getKind());
        };
    }
}
