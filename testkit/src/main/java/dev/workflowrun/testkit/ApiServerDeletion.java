package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a real API server does with a {@code DELETE} of a pod, Workflow or WorkflowNode, which the
 * mock server does not (it removes the object unless it has finalizers, whatever the options):
 *
 * <ul>
 *   <li><b>Propagation policy and finalizers</b> (kube-apiserver {@code registry/generic/registry/store.go},
 *       {@code deletionFinalizersForGarbageCollection}): {@code Foreground} adds the
 *       {@code foregroundDeletion} finalizer, {@code Orphan} adds {@code orphan}, an explicit
 *       {@code Background} strips both; without a policy the object's own finalizers decide (a
 *       WorkflowNode or Task pod keeps its {@code foregroundDeletion}).</li>
 *   <li><b>Marking</b>: an object left with finalizers gets {@code deletionTimestamp} and stays
 *       (HTTP 202) until {@link GarbageCollector} (or someone) removes them.</li>
 *   <li><b>Graceful pod deletion</b> (pod strategy {@code CheckGracefulDeleteStrategy}): a pod bound
 *       to a node and not yet terminal gets {@code deletionTimestamp = now + grace} and
 *       {@code deletionGracePeriodSeconds} (the request's {@code gracePeriodSeconds}, else the pod's
 *       {@code terminationGracePeriodSeconds}, else 30) and stays until the kubelet deletes it again
 *       with grace 0; unbound or terminal pods go at once.</li>
 * </ul>
 *
 * <p>Collection deletes and other kinds fall through to the mock as before.
 */
final class ApiServerDeletion {

    static final String FOREGROUND = "foregroundDeletion";
    static final String ORPHAN = "orphan";

    private static final Pattern OBJECT = Pattern.compile(
            "^(/api/v1/namespaces/[^/]+/pods/[^/?]+|" + Pattern.quote(ObjectStore.CHAOS_MESH_PREFIX)
                    + "/namespaces/[^/]+/(?:workflows|workflownodes)/[^/?]+)(?:\\?(.*))?$");

    private final ObjectStore store;
    private final Supplier<Instant> clock;
    private final Runnable deleted;

    /**
     * @param clock   the API server's clock (the simulation's when one runs: grace periods pass in simulated time)
     * @param deleted called after every handled delete, to wake the garbage collector
     */
    ApiServerDeletion(ObjectStore store, Supplier<Instant> clock, Runnable deleted) {
        this.store = store;
        this.clock = clock;
        this.deleted = deleted;
    }

    /** Handles a DELETE of one pod, Workflow or WorkflowNode; empty for anything else. Runs under the store's monitor. */
    Optional<MockResponse> delete(String requestPath, String body) {
        Matcher m = OBJECT.matcher(requestPath);
        if (!m.matches()) {
            return Optional.empty();
        }
        String path = m.group(1);
        Optional<GenericKubernetesResource> found = store.get(path);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Options options = Options.of(body, m.group(2));
        GenericKubernetesResource object = found.get();
        boolean pod = "Pod".equals(object.getKind());
        object.getMetadata().setFinalizers(finalizersAfter(object.getMetadata().getFinalizers(), options.propagationPolicy()));

        long grace = pod ? gracePeriod(object, options) : 0;
        if (object.getMetadata().getDeletionTimestamp() != null && object.getMetadata().getDeletionGracePeriodSeconds() != null) {
            // A second delete may shorten the grace period (the kubelet's final delete uses 0), never lengthen it.
            grace = Math.min(grace, object.getMetadata().getDeletionGracePeriodSeconds());
        }
        if (object.getMetadata().getFinalizers().isEmpty() && grace == 0) {
            store.remove(path);
            deleted.run();
            return Optional.of(json(200, object));
        }
        if (object.getMetadata().getDeletionTimestamp() == null || pod) {
            Instant at = clock.get().plusSeconds(grace).truncatedTo(ChronoUnit.SECONDS);
            if (object.getMetadata().getDeletionTimestamp() == null || grace == 0) {
                object.getMetadata().setDeletionTimestamp(at.toString());
            }
            object.getMetadata().setDeletionGracePeriodSeconds(grace);
        }
        store.replace(path, object);
        deleted.run();
        return Optional.of(json(object.getMetadata().getFinalizers().isEmpty() ? 200 : 202, object));
    }

    /** store.go {@code deletionFinalizersForGarbageCollection}: which GC finalizers an object keeps or gets on delete. */
    static List<String> finalizersAfter(List<String> current, Optional<String> policy) {
        List<String> out = new ArrayList<>();
        boolean foreground = current.contains(FOREGROUND);
        boolean orphan = current.contains(ORPHAN);
        for (String f : current) {
            if (!f.equals(FOREGROUND) && !f.equals(ORPHAN)) {
                out.add(f);
            }
        }
        if (policy.isPresent()) {
            foreground = policy.get().equals("Foreground");
            orphan = policy.get().equals("Orphan");
        }
        if (orphan) {
            out.add(ORPHAN);
        } else if (foreground) {
            out.add(FOREGROUND);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static long gracePeriod(GenericKubernetesResource pod, Options options) {
        Map<String, Object> spec = (Map<String, Object>) pod.getAdditionalProperties().getOrDefault("spec", Map.of());
        Map<String, Object> status = (Map<String, Object>) pod.getAdditionalProperties().getOrDefault("status", Map.of());
        Object phase = status.get("phase");
        if (spec.get("nodeName") == null || "Succeeded".equals(phase) || "Failed".equals(phase)) {
            return 0;
        }
        if (options.gracePeriodSeconds().isPresent()) {
            return Math.max(0, options.gracePeriodSeconds().get());
        }
        Object declared = spec.get("terminationGracePeriodSeconds");
        return declared instanceof Number n ? n.longValue() : 30;
    }

    private static MockResponse json(int code, GenericKubernetesResource object) {
        return new MockResponse().setResponseCode(code).setBody(Serialization.asJson(object))
                .setHeader("Content-Type", "application/json");
    }

    /** The DeleteOptions of a request: from its JSON body or its query string. */
    record Options(Optional<String> propagationPolicy, Optional<Long> gracePeriodSeconds) {

        @SuppressWarnings("unchecked")
        static Options of(String body, String query) {
            Optional<String> policy = Optional.empty();
            Optional<Long> grace = Optional.empty();
            if (body != null && !body.isBlank()) {
                Map<String, Object> options = Serialization.unmarshal(body, Map.class);
                policy = Optional.ofNullable(options.get("propagationPolicy")).map(String::valueOf);
                grace = Optional.ofNullable(options.get("gracePeriodSeconds")).map(g -> ((Number) g).longValue());
                if (policy.isEmpty() && Boolean.TRUE.equals(options.get("orphanDependents"))) {
                    policy = Optional.of("Orphan");
                }
            }
            if (query != null) {
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String key = pair.substring(0, eq);
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    if (key.equals("propagationPolicy")) {
                        policy = Optional.of(value);
                    } else if (key.equals("gracePeriodSeconds")) {
                        grace = Optional.of(Long.parseLong(value));
                    }
                }
            }
            return new Options(policy, grace);
        }
    }
}
