package dev.workflowrun.adapters.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;
import java.util.Optional;

/**
 * What the adapter has seen of one run, so that a later step does not ask the API server again
 * for what an earlier one has just read: the Workflow as apply wrote it (the wait watches from
 * there), the listing the verdict was read from (capture keeps it), the pods last listed (cleanup's
 * grace period), and whether anything was written at all.
 */
final class RunMemory {

    /** The WorkflowNodes and pods one listing found. */
    record Listing(List<GenericKubernetesResource> nodes, List<Pod> pods) {
        Listing {
            nodes = List.copyOf(nodes);
            pods = List.copyOf(pods);
        }

        /** Whether every node and pod listed has an owner: then the garbage collector removes them with the Workflow. */
        boolean allOwned() {
            return nodes.stream().allMatch(RunMemory::owned) && pods.stream().allMatch(RunMemory::owned);
        }
    }

    private final Target target;
    private volatile boolean attempted;
    private volatile boolean written;
    private volatile GenericKubernetesResource workflow;
    private volatile Listing verdictListing;
    private volatile List<Pod> pods;
    private volatile Listing lastListing;
    private volatile LiveWorkflow live;

    RunMemory(Target target) {
        this.target = target;
    }

    Target target() {
        return target;
    }

    void attempted() {
        attempted = true;
    }

    /** A write was sent (even one whose answer was lost) or a Workflow adopted: objects of the run may exist. */
    void written() {
        written = true;
    }

    /** Apply was tried and failed before any write request left: nothing of the run can exist. */
    boolean neverWritten() {
        return attempted && !written;
    }

    /** The Workflow as last seen (by apply, or on the live watch), if it was seen. */
    Optional<GenericKubernetesResource> workflow() {
        return live().map(LiveWorkflow::latest).or(() -> Optional.ofNullable(workflow));
    }

    void sawWorkflow(GenericKubernetesResource seen) {
        workflow = seen;
    }

    /** The Workflow's watch that outlives the wait, if one was opened and not yet closed. */
    Optional<LiveWorkflow> live() {
        return Optional.ofNullable(live);
    }

    /** Keeps {@code next} as the run's live watch (or none), closing the one it replaces. */
    void keep(LiveWorkflow next) {
        LiveWorkflow previous = live;
        live = next;
        if (previous != null && previous != next) {
            previous.close();
        }
    }

    /** The listing the last verdict was read from; empty unless the last wait ended with a verdict. */
    Optional<Listing> verdictListing() {
        return Optional.ofNullable(verdictListing);
    }

    void waitEnded(Optional<Listing> verdictRead) {
        verdictListing = verdictRead.orElse(null);
        verdictRead.ifPresent(this::listed);
    }

    /** A listing of the run's nodes and pods was taken (by the verdict or the capture). */
    void listed(Listing listing) {
        lastListing = listing;
        pods = listing.pods();
    }

    /** The last listing of the run's nodes and pods, if one was taken. */
    Optional<Listing> lastListing() {
        return Optional.ofNullable(lastListing);
    }

    /** Whether the last wait found the run over (then no abort is needed). */
    boolean knownOver() {
        return verdictListing != null;
    }

    /** The pods last listed (by the verdict or the capture), if any were. */
    Optional<List<Pod>> pods() {
        return Optional.ofNullable(pods);
    }

    private static boolean owned(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return o.getMetadata().getOwnerReferences() != null && !o.getMetadata().getOwnerReferences().isEmpty();
    }
}
