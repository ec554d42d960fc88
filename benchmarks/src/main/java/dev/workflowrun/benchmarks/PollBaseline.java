package dev.workflowrun.benchmarks;

import dev.workflowrun.testkit.ChaosMeshKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bash wrapper's way, in-process, against the same API server: apply with one POST, a
 * sleep-poll of the Workflow every 30 s of simulated time with one GET per poll, capture by one GET
 * per object (after listing their names, as {@code kubectl get -o name} would), and a delete of the
 * Workflow followed by a delete of each left-over pod and node. Every HTTP request it makes is counted.
 */
final class PollBaseline {

    /** The wrapper's {@code POLL_S=30}, in simulated seconds. */
    static final double POLL_SECONDS = 30;

    private final KubernetesClient client;
    private final double speed;
    private final AtomicLong requests = new AtomicLong();

    /** @param speed the simulator's speed factor: the 30 s poll sleeps 30/speed real seconds */
    PollBaseline(KubernetesClient client, double speed) {
        this.client = client;
        this.speed = speed;
    }

    long requests() {
        return requests.get();
    }

    void apply(String yaml) {
        requests.incrementAndGet();
        client.resource(yaml).create();
    }

    /** When the poll that saw the Workflow terminal started, and when its GET returned (System.nanoTime). */
    record Observed(long pollStartNanos, long getDoneNanos, int polls) {
    }

    /**
     * Polls until the Workflow's {@code Accomplished} condition is {@code True} (all the Workflow
     * object says), sleeping {@code firstSleepFraction} of an interval first (the wrapper's poll
     * phase relative to the run is arbitrary), then a full interval between polls.
     */
    Observed awaitAccomplished(String namespace, String name, double firstSleepFraction) throws InterruptedException {
        long interval = (long) (POLL_SECONDS / speed * 1e9);
        long next = System.nanoTime() + (long) (interval * firstSleepFraction);
        int polls = 0;
        while (true) {
            sleepUntil(next);
            long start = System.nanoTime();
            requests.incrementAndGet();
            polls++;
            GenericKubernetesResource wf = client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(namespace).withName(name).get();
            long done = System.nanoTime();
            if (wf != null && accomplished(wf)) {
                return new Observed(start, done, polls);
            }
            next = start + interval;
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean accomplished(GenericKubernetesResource wf) {
        Object status = wf.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> s) || !(s.get("conditions") instanceof List<?> conditions)) {
            return false;
        }
        return conditions.stream().anyMatch(c -> c instanceof Map<?, ?> m && "Accomplished".equals(m.get("type")) && "True".equals(m.get("status")));
    }

    /** Names first (one LIST per kind, as {@code kubectl get -o name}), then one GET per object, plus the Workflow. */
    int capture(String namespace, String workflow) {
        requests.incrementAndGet();
        client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(namespace).withName(workflow).get();
        requests.incrementAndGet();
        List<String> nodes = client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(namespace)
                .withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems().stream().map(n -> n.getMetadata().getName()).toList();
        for (String n : nodes) {
            requests.incrementAndGet();
            client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(namespace).withName(n).get();
        }
        requests.incrementAndGet();
        List<String> pods = client.pods().inNamespace(namespace).withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems()
                .stream().map(p -> p.getMetadata().getName()).toList();
        int got = 0;
        for (String p : pods) {
            requests.incrementAndGet();
            Pod pod = client.pods().inNamespace(namespace).withName(p).get();
            got += pod == null ? 0 : 1;
        }
        return 1 + nodes.size() + got;
    }

    /** Delete the Workflow, then sweep pods and nodes by label (a LIST, then one DELETE each). */
    void cleanUp(String namespace, String workflow) {
        requests.incrementAndGet();
        client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(namespace).withName(workflow).delete();
        requests.incrementAndGet();
        for (Pod p : client.pods().inNamespace(namespace).withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems()) {
            requests.incrementAndGet();
            client.pods().inNamespace(namespace).withName(p.getMetadata().getName()).delete();
        }
        requests.incrementAndGet();
        for (GenericKubernetesResource n : client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(namespace)
                .withLabel(ChaosMeshKinds.LABEL_WORKFLOW, workflow).list().getItems()) {
            requests.incrementAndGet();
            client.genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(namespace).withName(n.getMetadata().getName()).delete();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            // The wrapper's `sleep 30` is the behaviour being measured.
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }
}
