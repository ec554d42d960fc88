package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.ApiRequestCounts;
import dev.workflowrun.domain.cluster.ApplyResult;
import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.ClusterException;
import dev.workflowrun.domain.cluster.ForeignWorkflowException;
import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.RunLabels;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.signal.Cancellation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The workflow-cluster port on fabric8, for Chaos Mesh Workflows (and engines with
 * {@code .status.phase}), as {@link GenericKubernetesResource}s.
 *
 * <p>Request budget of one run, independent of how long it runs: apply is a GET and one write
 * per object; await is one GET and one LIST to start, one watch per kind, and one LIST of nodes
 * and pods at the end (plus a relist per lost watch); capture is one LIST per kind plus one log
 * request per container (and, once per adapter, one GET of the controller's Deployment); cleanup is
 * a handful of calls, three watches, plus one DELETE per leftover.
 */
final class Fabric8WorkflowCluster implements WorkflowClusterPort {

    static final String FIELD_MANAGER = "workflow-run";

    private final KubernetesClient client;
    private final ClusterOptions options;
    private final KubernetesCalls calls;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    /** The runs for which a write was sent (even one whose answer was lost) or a Workflow was adopted: only these can have left objects. */
    private final java.util.Set<String> written = ConcurrentHashMap.newKeySet();
    /** The runs this adapter tried to apply or adopt. */
    private final java.util.Set<String> attempted = ConcurrentHashMap.newKeySet();
    /** How long capture may take in all, retries included: a silent API server must not hold the run for minutes. */
    static final Duration CAPTURE_BOUND = Duration.ofSeconds(30);
    private volatile boolean serverSideApplyUnsupported;
    private final ControllerVersionCheck controllerCheck;

    /** The resource a run's Workflow is, and the policy that reads its outcome. */
    record Target(ResourceDefinitionContext workflow, OutcomePolicy policy) {
    }

    Fabric8WorkflowCluster(KubernetesClient client, ClusterOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.calls = new KubernetesCalls(options.retryBudget(), options.retryNotices());
        this.controllerCheck = new ControllerVersionCheck(client, calls, options.chaosMeshNamespace());
    }

    @Override
    public void checkReachable(String namespace) {
        new ClusterPreflight(client, calls, options.engine()).check(namespace);
    }

    // ---------------------------------------------------------------- apply

    @Override
    public ApplyResult applyOrAdopt(WorkflowHandle handle, String renderedYaml) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        for (YamlDocuments.Document doc : YamlDocuments.read(renderedYaml, "the rendered manifest")) {
            objects.add(client.getKubernetesSerialization().unmarshal(doc.root().toString(), GenericKubernetesResource.class));
        }
        GenericKubernetesResource workflow = objects.stream()
                .filter(o -> "Workflow".equals(o.getKind()) && handle.name().equals(o.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new ClusterException("the rendered manifest holds no Workflow named " + handle.name()
                        + "; found " + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
        Target target = targetFor(workflow.getApiVersion(), workflow.getKind());
        targets.put(key(handle), target);
        attempted.add(key(handle));

        String plural = target.workflow().getPlural();
        GenericKubernetesResource existing = calls.call("GET", plural, "looking for Workflow " + handle,
                () -> workflows(handle, target).withName(handle.name()).get());
        if (existing != null) {
            // Adopt only what this runner created for this very run: every one of the run's labels, with its value.
            List<String> missing = missingRunLabels(existing, handle);
            if (!missing.isEmpty()) {
                String owner = labels(existing).get(RunLabels.RUN_ID);
                throw new ForeignWorkflowException("a Workflow named " + handle + " already exists but this runner did not create it for run "
                        + handle.runId() + " of scenario " + handle.scenario() + " ("
                        + (owner != null && !owner.equals(handle.runId()) ? "it belongs to run " + dev.workflowrun.domain.text.Printable.of(owner) + "; " : "")
                        + String.join(", ", missing)
                        + "); it is not adopted and nothing was changed: delete it yourself if it is stale, or use another --run-id");
            }
            written.add(key(handle));
            return ApplyResult.ADOPTED;
        }
        for (GenericKubernetesResource object : objects) {
            if (object != workflow) {
                refuseIfForeign(handle, object);
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
            written.add(key(handle));
            apply(handle, object, object == workflow ? target.workflow() : Resources.contextOf(object.getApiVersion(), object.getKind()));
        }
        return ApplyResult.APPLIED;
    }

    /**
     * Before anything is written: an object of the manifest that exists already must be this run's own (a retry's),
     * or server-side apply would take over someone else's object.
     */
    private void refuseIfForeign(WorkflowHandle handle, GenericKubernetesResource object) {
        ResourceDefinitionContext kind = Resources.contextOf(object.getApiVersion(), object.getKind());
        String name = object.getMetadata().getName();
        GenericKubernetesResource existing;
        try {
            existing = calls.call("GET", kind.getPlural(), "looking for " + object.getKind() + " " + handle.namespace() + "/" + name,
                    () -> client.genericKubernetesResources(kind).inNamespace(handle.namespace()).withName(name).get());
        } catch (KubernetesClientException e) {
            return; // not readable (e.g. no GET permission): the write that follows says what is wrong
        }
        List<String> missing = existing == null ? List.of() : missingRunLabels(existing, handle);
        if (!missing.isEmpty()) {
            throw new ForeignWorkflowException(object.getKind() + " " + handle.namespace() + "/" + name
                    + " already exists but this runner did not create it for run " + handle.runId() + " (" + String.join(", ", missing)
                    + "); nothing was applied: rename the object in the scenario, or delete it yourself if it is stale");
        }
    }

    private void apply(WorkflowHandle handle, GenericKubernetesResource object, ResourceDefinitionContext kind) {
        Resource<GenericKubernetesResource> resource = client.genericKubernetesResources(kind).inNamespace(handle.namespace()).resource(object);
        String what = "applying " + object.getKind() + " " + handle.namespace() + "/" + object.getMetadata().getName();
        if (!serverSideApplyUnsupported) {
            try {
                calls.call("PATCH", kind.getPlural(), what, () -> resource.fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply());
                return;
            } catch (KubernetesClientException e) {
                // 415: the server does not speak apply-patch; 404/405 from servers (and the test server) without SSA.
                if (e.getCode() != 415 && e.getCode() != 404 && e.getCode() != 405) {
                    throw new ClusterException(what + " failed: " + KubernetesCalls.describe(e), e);
                }
                serverSideApplyUnsupported = true;
            }
        }
        try {
            calls.call("POST", kind.getPlural(), what, resource::create);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // Created meanwhile: replaced only when it is this run's own (a retried create); someone else's is left alone.
                GenericKubernetesResource existing = calls.call("GET", kind.getPlural(), what, resource::get);
                List<String> missing = existing == null ? List.of() : missingRunLabels(existing, handle);
                if (!missing.isEmpty()) {
                    throw new ForeignWorkflowException(object.getKind() + " " + handle.namespace() + "/" + object.getMetadata().getName()
                            + " already exists but this runner did not create it for run " + handle.runId() + " (" + String.join(", ", missing)
                            + "); it is left as it is: rename the object in the scenario, or delete it yourself if it is stale");
                }
                calls.call("PUT", kind.getPlural(), what, resource::update);
                return;
            }
            if (e.getCode() == 404) {
                throw new ClusterException(what + " failed: the API server does not serve " + kind.getPlural() + "." + kind.getGroup()
                        + " (HTTP 404); is the engine (its CRDs) installed in this cluster?", e);
            }
            throw new ClusterException(what + " failed: " + KubernetesCalls.describe(e), e);
        }
    }

    // ---------------------------------------------------------------- await

    @Override
    public AwaitResult awaitTerminal(WorkflowHandle handle, Instant until, Cancellation cancellation, ProgressListener progress) {
        try (WatchSession session = new WatchSession(handle, target(handle), progress)) {
            return session.await(until, cancellation);
        }
    }

    /** A list-then-watch of the Workflow (and its nodes), relisting when a watch is lost. */
    private final class WatchSession implements AutoCloseable {
        private final WorkflowHandle handle;
        private final Target target;
        private final ProgressListener progressListener;
        private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        private final Map<String, GenericKubernetesResource> nodes = new LinkedHashMap<>();
        private final List<Watch> watches = new ArrayList<>();
        private GenericKubernetesResource workflow;
        private Optional<Progress> lastProgress = Optional.empty();
        private int generation;

        private record Event(int generation, boolean isWorkflow, Watcher.Action action, GenericKubernetesResource resource) {
        }

        private record Closed(int generation, String kind, Optional<WatcherException> cause) {
        }

        WatchSession(WorkflowHandle handle, Target target, ProgressListener progress) {
            this.handle = handle;
            this.target = target;
            this.progressListener = progress;
        }

        AwaitResult await(Instant until, Cancellation cancellation) {
            Duration backoff = Duration.ofMillis(100);
            listAndWatch();
            while (true) {
                if (target.policy().isTerminal(workflow, nodes.values())) {
                    closeWatches();
                    return new AwaitResult.Finished(verdict());
                }
                reportProgress();
                if (cancellation.isCancelled()) {
                    return new AwaitResult.Cancelled(cancellation.reason().orElse("cancelled"));
                }
                long left = Duration.between(Instant.now(), until).toMillis();
                if (left <= 0) {
                    return new AwaitResult.StillRunning();
                }
                Object message;
                try {
                    message = inbox.poll(Math.min(left, options.pollInterval().toMillis()), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new AwaitResult.Cancelled("interrupted while waiting for " + handle);
                }
                List<Object> batch = new ArrayList<>();
                if (message != null) {
                    batch.add(message);
                    inbox.drainTo(batch);
                }
                boolean lost = false;
                for (Object m : batch) {
                    if (m instanceof Event e && e.generation() == generation) {
                        apply(e);
                    } else if (m instanceof Closed c && c.generation() == generation) {
                        lost = true;
                    }
                }
                if (lost) {
                    // The watch is gone (410 Gone, or the client gave up reconnecting): list again, then watch from there.
                    closeWatches();
                    pauseUnlessCancelled(backoff, cancellation, until);
                    backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
                    listAndWatch();
                } else if (!batch.isEmpty()) {
                    backoff = Duration.ofMillis(100);
                }
            }
        }

        private void apply(Event e) {
            if (e.isWorkflow()) {
                if (e.action() == Watcher.Action.DELETED) {
                    throw new ClusterException("the Workflow " + handle + " was deleted by someone else while the run waited for it");
                }
                if (e.action() != Watcher.Action.BOOKMARK && e.action() != Watcher.Action.ERROR) {
                    workflow = e.resource();
                }
            } else {
                switch (e.action()) {
                    case ADDED, MODIFIED -> nodes.put(Resources.name(e.resource()), e.resource());
                    case DELETED -> nodes.remove(Resources.name(e.resource()));
                    default -> {
                    }
                }
            }
        }

        private void listAndWatch() {
            generation++;
            int gen = generation;
            String plural = target.workflow().getPlural();
            workflow = calls.call("GET", plural, "reading Workflow " + handle, () -> workflows(handle, target).withName(handle.name()).get());
            if (workflow == null) {
                throw new ClusterException("the Workflow " + handle + " does not exist (any more); it was deleted before the run finished waiting");
            }
            watches.add(calls.call("WATCH", plural, "watching Workflow " + handle, () -> workflows(handle, target).withName(handle.name())
                    .watch(new ListOptionsBuilder().withResourceVersion(workflow.getMetadata().getResourceVersion()).build(),
                            watcher(gen, true, plural))));
            if (target.policy().readsNodes()) {
                GenericKubernetesResourceList list = calls.call("LIST", "workflownodes", "listing the WorkflowNodes of " + handle,
                        () -> nodeOps(handle).withLabel(Resources.LABEL_WORKFLOW, handle.name()).list());
                nodes.clear();
                list.getItems().forEach(n -> nodes.put(Resources.name(n), n));
                String rv = list.getMetadata() == null ? null : list.getMetadata().getResourceVersion();
                watches.add(calls.call("WATCH", "workflownodes", "watching the WorkflowNodes of " + handle,
                        () -> nodeOps(handle).withLabel(Resources.LABEL_WORKFLOW, handle.name())
                                .watch(new ListOptionsBuilder().withResourceVersion(rv).build(), watcher(gen, false, "workflownodes"))));
            }
        }

        private Watcher<GenericKubernetesResource> watcher(int gen, boolean isWorkflow, String kind) {
            return new Watcher<>() {
                @Override
                public void eventReceived(Action action, GenericKubernetesResource resource) {
                    inbox.add(new Event(gen, isWorkflow, action, resource));
                }

                @Override
                public void onClose(WatcherException cause) {
                    inbox.add(new Closed(gen, kind, Optional.ofNullable(cause)));
                }

                @Override
                public void onClose() {
                    // Closed by us.
                }
            };
        }

        private dev.workflowrun.domain.cluster.WorkflowVerdict verdict() {
            // A fresh, consistent listing: watch events of different kinds may arrive in any order.
            List<GenericKubernetesResource> freshNodes = List.of();
            if (target.policy().readsNodes()) {
                freshNodes = calls.call("LIST", "workflownodes", "listing the WorkflowNodes of " + handle,
                        () -> nodeOps(handle).withLabel(Resources.LABEL_WORKFLOW, handle.name()).list()).getItems();
            }
            List<Pod> pods = calls.call("LIST", "pods", "listing the Task pods of " + handle,
                    () -> client.pods().inNamespace(handle.namespace()).withLabel(target.policy().podLabel(), handle.name()).list()).getItems();
            Optional<List<io.fabric8.kubernetes.api.model.Event>> events = Optional.empty();
            if (target.policy().needsEvents(freshNodes)) {
                events = Optional.of(calls.call("LIST", "events", "listing the events of " + handle.namespace(),
                        () -> client.v1().events().inNamespace(handle.namespace()).list()).getItems());
            }
            return target.policy().verdict(new Evidence(workflow, freshNodes, pods, events));
        }

        private void reportProgress() {
            Progress p = target.policy().progress(workflow, nodes.values());
            if (lastProgress.isEmpty() || !lastProgress.get().equals(p)) {
                lastProgress = Optional.of(p);
                progressListener.onProgress(p);
            }
        }

        private void closeWatches() {
            watches.forEach(Watch::close);
            watches.clear();
        }

        @Override
        public void close() {
            closeWatches();
        }
    }

    private static void pauseUnlessCancelled(Duration pause, Cancellation cancellation, Instant until) {
        long end = System.nanoTime() + pause.toNanos();
        try {
            while (System.nanoTime() < end && !cancellation.isCancelled() && Instant.now().isBefore(until)) {
                cancellation.await(Math.max(1, Math.min(100, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- capture

    @Override
    public TerminalSnapshot capture(WorkflowHandle handle, CaptureOptions captureOptions) {
        if (neverWritten(handle)) {
            return new TerminalSnapshot(List.of(), 0, 0, List.of("nothing to capture: the apply failed before any object was written"));
        }
        return calls.within("capture", CAPTURE_BOUND, () -> captureWithin(handle, captureOptions));
    }

    private TerminalSnapshot captureWithin(WorkflowHandle handle, CaptureOptions captureOptions) {
        TerminalSnapshot snapshot = new TerminalCapture(client, calls, handle, target(handle), captureOptions, this::workflows, this::nodeOps).capture();
        if (!target(handle).policy().readsNodes()) {
            return snapshot;
        }
        // Once per adapter: whether the controller that wrote these statuses honours what cleanup relies on (said as a capture warning).
        Optional<String> warning = controllerCheck.warnOnce();
        if (warning.isEmpty()) {
            return snapshot;
        }
        List<String> problems = new ArrayList<>(snapshot.problems());
        problems.add(warning.get());
        return new TerminalSnapshot(snapshot.files(), snapshot.nodes(), snapshot.pods(), problems);
    }

    // ---------------------------------------------------------------- clean up

    /** Abort, bounded foreground delete, sweep of what the garbage collector left: see {@link WorkflowCleanup}. */
    @Override
    public CleanupReport cleanUp(WorkflowHandle handle, Duration bound, String abortReason) {
        if (neverWritten(handle)) {
            return new CleanupReport(false, true, List.of(), List.of(),
                    List.of("nothing to clean up: the apply failed before any object was written"));
        }
        return calls.within("cleanup", bound, () -> new WorkflowCleanup(client, calls, handle, target(handle), this).run(bound, abortReason));
    }

    @Override
    public ApiRequestCounts requestCounts() {
        return calls.snapshot();
    }

    // ---------------------------------------------------------------- helpers

    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> workflows(
            WorkflowHandle handle, Target target) {
        return client.genericKubernetesResources(target.workflow()).inNamespace(handle.namespace());
    }

    NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> nodeOps(
            WorkflowHandle handle) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> ops =
                client.genericKubernetesResources(Resources.CHAOS_WORKFLOW_NODE);
        return ops.inNamespace(handle.namespace());
    }

    private Target target(WorkflowHandle handle) {
        return targets.computeIfAbsent(key(handle), k -> switch (options.engine()) {
            case STATUS_PHASE -> new Target(Resources.ARGO_WORKFLOW, new StatusPhaseOutcomePolicy());
            case AUTO, CHAOS_MESH -> new Target(Resources.CHAOS_WORKFLOW, new ChaosMeshOutcomePolicy());
        });
    }

    private Target targetFor(String apiVersion, String kind) {
        ResourceDefinitionContext context = apiVersion.startsWith(Resources.CHAOS_MESH_GROUP + "/") && kind.equals("Workflow")
                ? Resources.CHAOS_WORKFLOW
                : Resources.contextOf(apiVersion, kind);
        OutcomePolicy policy = switch (options.engine()) {
            case CHAOS_MESH -> new ChaosMeshOutcomePolicy();
            case STATUS_PHASE -> new StatusPhaseOutcomePolicy();
            case AUTO -> context.getGroup().equals(Resources.CHAOS_MESH_GROUP) ? new ChaosMeshOutcomePolicy() : new StatusPhaseOutcomePolicy();
        };
        return new Target(context, policy);
    }

    /** The run's labels an existing object lacks (or carries with another value), each as {@code key=value}; empty when it is this run's. */
    private static List<String> missingRunLabels(GenericKubernetesResource existing, WorkflowHandle handle) {
        Map<String, String> has = labels(existing);
        List<String> missing = new ArrayList<>();
        new java.util.TreeMap<>(RunLabels.of(handle)).forEach((key, value) -> {
            String actual = has.get(key);
            if (actual == null) {
                missing.add("no label " + key + "=" + value);
            } else if (!actual.equals(value)) {
                missing.add("label " + key + " is '" + dev.workflowrun.domain.text.Printable.of(actual) + "', not '" + value + "'");
            }
        });
        return missing;
    }

    /** Apply was tried for this run and failed before any write request left: nothing of it can exist. */
    private boolean neverWritten(WorkflowHandle handle) {
        return attempted.contains(key(handle)) && !written.contains(key(handle));
    }

    private static Map<String, String> labels(GenericKubernetesResource r) {
        return r.getMetadata().getLabels() == null ? Map.of() : r.getMetadata().getLabels();
    }

    private static String key(WorkflowHandle handle) {
        return handle.namespace() + "/" + handle.name();
    }
}
