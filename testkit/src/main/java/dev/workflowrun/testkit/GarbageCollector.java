package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * The part of kube-controller-manager's garbage collector ({@code pkg/controller/garbagecollector/garbagecollector.go})
 * that a Workflow's objects meet, over pods, Workflows and WorkflowNodes of the mock's store. The
 * mock API server has no garbage collector at all; this one runs on its own thread, woken by every
 * delete, and repeats these rules until nothing changes:
 *
 * <ul>
 *   <li><b>Foreground</b> ({@code processDeletingDependentsItem}): an object being deleted that
 *       holds the {@code foregroundDeletion} finalizer gets its dependents deleted (with
 *       {@code Foreground}, as {@code attemptToDeleteItem} does for dependents of an owner waiting
 *       for them), and loses the finalizer once no dependent with {@code blockOwnerDeletion}
 *       remains; with no finalizer left it is removed (a pod only once its grace period is over).</li>
 *   <li><b>Background</b> ({@code attemptToDeleteItem}): an object none of whose owners exists any
 *       more is deleted, with {@code Foreground} if it carries {@code foregroundDeletion} (every
 *       WorkflowNode and Task pod does), else {@code Background}.</li>
 *   <li><b>Orphan</b> ({@code orphanDependents}): dependents of an object being deleted with the
 *       {@code orphan} finalizer lose their ownerReference to it; then the finalizer goes.</li>
 * </ul>
 *
 * <p>Owners are matched by uid, as the real collector does; only owners of the three kinds above
 * are considered (an owner of another kind is assumed to exist). Like the real one it is a client
 * of the API server: its deletes go through {@link ApiServerDeletion}, its finalizer removals are
 * updates.
 */
final class GarbageCollector implements AutoCloseable {

    private static final Set<String> KINDS = Set.of("Pod", "Workflow", "WorkflowNode");

    private final KubernetesClient client;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private final Thread thread;
    private boolean dirty;
    private volatile boolean closed;

    GarbageCollector(KubernetesClient client) {
        this.client = client;
        this.thread = new Thread(this::run, "testkit-garbage-collector");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Something was deleted: look again. */
    void wake() {
        lock.lock();
        try {
            dirty = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closed) {
            lock.lock();
            try {
                if (!dirty) {
                    // Also look now and then: an owner can vanish through a path that does not wake us (a collection delete).
                    woken.await(200, TimeUnit.MILLISECONDS);
                }
                dirty = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                for (int round = 0; round < 100 && !closed && collectOnce(); round++) {
                    // until a fixpoint
                }
            } catch (RuntimeException e) {
                // The server went away under a closing cluster; nothing left to collect.
            }
        }
    }

    /** One pass over every object; true when it changed something. */
    boolean collectOnce() {
        List<GenericKubernetesResource> all = new ArrayList<>();
        client.pods().inAnyNamespace().list().getItems()
                .forEach(p -> all.add(client.getKubernetesSerialization().convertValue(p, GenericKubernetesResource.class)));
        all.addAll(client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inAnyNamespace().list().getItems());
        all.addAll(client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inAnyNamespace().list().getItems());
        Map<String, GenericKubernetesResource> byUid = new HashMap<>();
        all.forEach(o -> byUid.put(o.getMetadata().getUid(), o));
        Map<String, List<GenericKubernetesResource>> dependents = new HashMap<>();
        for (GenericKubernetesResource o : all) {
            for (OwnerReference ref : owners(o)) {
                dependents.computeIfAbsent(ref.getUid(), k -> new ArrayList<>()).add(o);
            }
        }
        boolean changed = false;
        for (GenericKubernetesResource o : all) {
            try {
                changed |= collect(o, byUid, dependents.getOrDefault(o.getMetadata().getUid(), List.of()));
            } catch (KubernetesClientException e) {
                changed = true;     // a conflict or a vanished object: look again
            }
        }
        return changed;
    }

    private boolean collect(GenericKubernetesResource o, Map<String, GenericKubernetesResource> byUid, List<GenericKubernetesResource> dependents) {
        List<String> finalizers = o.getMetadata().getFinalizers();
        boolean beingDeleted = o.getMetadata().getDeletionTimestamp() != null;
        if (beingDeleted && finalizers.contains(ApiServerDeletion.ORPHAN)) {
            for (GenericKubernetesResource d : dependents) {
                d.getMetadata().setOwnerReferences(owners(d).stream()
                        .filter(r -> !r.getUid().equals(o.getMetadata().getUid())).collect(Collectors.toList()));
                resource(d).update();
            }
            return dropFinalizer(o, ApiServerDeletion.ORPHAN);
        }
        if (beingDeleted && finalizers.contains(ApiServerDeletion.FOREGROUND)) {
            boolean changed = false;
            for (GenericKubernetesResource d : dependents) {
                if (d.getMetadata().getDeletionTimestamp() == null) {
                    resource(d).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
                    changed = true;
                }
            }
            boolean blocked = dependents.stream().anyMatch(d -> owners(d).stream()
                    .anyMatch(r -> r.getUid().equals(o.getMetadata().getUid()) && Boolean.TRUE.equals(r.getBlockOwnerDeletion())));
            return blocked ? changed : dropFinalizer(o, ApiServerDeletion.FOREGROUND) || changed;
        }
        if (!beingDeleted) {
            List<OwnerReference> tracked = owners(o).stream().filter(r -> KINDS.contains(r.getKind())).toList();
            if (!tracked.isEmpty() && tracked.size() == owners(o).size() && tracked.stream().noneMatch(r -> byUid.containsKey(r.getUid()))) {
                resource(o).withPropagationPolicy(finalizers.contains(ApiServerDeletion.FOREGROUND)
                        ? DeletionPropagation.FOREGROUND : DeletionPropagation.BACKGROUND).delete();
                return true;
            }
        }
        return false;
    }

    /** An update without the finalizer; the API server removes the object when nothing else holds it. */
    private boolean dropFinalizer(GenericKubernetesResource o, String finalizer) {
        List<String> left = new ArrayList<>(o.getMetadata().getFinalizers());
        if (!left.remove(finalizer)) {
            return false;
        }
        o.getMetadata().setFinalizers(left);
        resource(o).update();
        return true;
    }

    private Resource<GenericKubernetesResource> resource(GenericKubernetesResource o) {
        var kind = switch (o.getKind()) {
            case "Pod" -> new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
                    .withGroup("").withVersion("v1").withKind("Pod").withPlural("pods").withNamespaced(true).build();
            case "Workflow" -> ChaosMeshKinds.WORKFLOW;
            default -> ChaosMeshKinds.WORKFLOW_NODE;
        };
        return client.genericKubernetesResources(kind).inNamespace(o.getMetadata().getNamespace()).resource(o);
    }

    private static List<OwnerReference> owners(GenericKubernetesResource o) {
        return o.getMetadata().getOwnerReferences() == null ? List.of() : o.getMetadata().getOwnerReferences();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        client.close();
    }
}
