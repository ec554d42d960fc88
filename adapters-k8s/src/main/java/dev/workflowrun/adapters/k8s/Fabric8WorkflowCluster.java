package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.ApiRequestCounts;
import dev.workflowrun.domain.cluster.ApplyResult;
import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.signal.Cancellation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workflow-cluster port on fabric8, for Chaos Mesh Workflows (and engines with
 * {@code .status.phase}), as {@link GenericKubernetesResource}s. Each step is a class of its own:
 * {@link WorkflowApply}, {@link WorkflowWatch}, {@link TerminalCapture}, {@link WorkflowCleanup};
 * this class keeps, per run, what one step has seen that the next need not ask again ({@link RunMemory}).
 *
 * <p>Requests of one passing run, independent of how long it runs (docs/BENCHMARKS.md, "Requests
 * that remain"): the reachability check is one LIST; apply a GET and one POST per object; the wait
 * one watch of the Workflow (which stays open for capture and cleanup) and one of its nodes (a GET
 * and the two watches again per lost watch), then one LIST of pods for the verdict, with the nodes the
 * node watch holds when they show the whole tree ended as a passing run ends (else one LIST of nodes too),
 * which capture keeps; capture a LIST of events, a GET of the run's ConfigMap and one log request
 * per container (and, once per adapter, one GET of the controller's Deployment); cleanup one DELETE.
 * Cleanup lists nodes and pods only when its own foreground delete did not remove them.
 */
final class Fabric8WorkflowCluster implements WorkflowClusterPort {

    /** How long capture may take in all, retries included: a silent API server must not hold the run for minutes. */
    static final Duration CAPTURE_BOUND = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final ClusterOptions options;
    private final KubernetesCalls calls;
    private final Map<String, RunMemory> runs = new ConcurrentHashMap<>();
    private final ControllerVersionCheck controllerCheck;

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

    @Override
    public ApplyResult applyOrAdopt(WorkflowHandle handle, String renderedYaml) {
        List<GenericKubernetesResource> objects = WorkflowApply.objects(client, renderedYaml);
        GenericKubernetesResource workflow = WorkflowApply.workflowOf(objects, handle);
        RunMemory memory = new RunMemory(Target.of(options.engine(), workflow.getApiVersion(), workflow.getKind()));
        Optional.ofNullable(runs.put(key(handle), memory)).ifPresent(previous -> previous.keep(null));
        memory.attempted();
        return new WorkflowApply(objects(handle, memory), memory).applyOrAdopt(objects, workflow);
    }

    @Override
    public AwaitResult awaitTerminal(WorkflowHandle handle, Instant until, Cancellation cancellation, ProgressListener progress) {
        RunMemory memory = memory(handle);
        try (WorkflowWatch watch = new WorkflowWatch(objects(handle, memory), memory, options.pollInterval(), progress)) {
            return watch.await(until, cancellation);
        }
    }

    @Override
    public TerminalSnapshot capture(WorkflowHandle handle, CaptureOptions captureOptions) {
        RunMemory memory = memory(handle);
        if (memory.neverWritten()) {
            return new TerminalSnapshot(List.of(), 0, 0, List.of("nothing to capture: the apply failed before any object was written"));
        }
        return calls.within("capture", CAPTURE_BOUND, () -> {
            TerminalSnapshot snapshot = new TerminalCapture(objects(handle, memory), memory, captureOptions).capture();
            if (!memory.target().readsNodes()) {
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
        });
    }

    /** Abort, bounded foreground delete, sweep of what the garbage collector left: see {@link WorkflowCleanup}. */
    @Override
    public CleanupReport cleanUp(WorkflowHandle handle, Duration bound, String abortReason) {
        RunMemory memory = memory(handle);
        if (memory.neverWritten()) {
            return new CleanupReport(false, true, List.of(), List.of(),
                    List.of("nothing to clean up: the apply failed before any object was written"));
        }
        return calls.within("cleanup", bound, () -> new WorkflowCleanup(objects(handle, memory), memory).run(bound, abortReason));
    }

    @Override
    public ApiRequestCounts requestCounts() {
        return calls.snapshot();
    }

    private RunObjects objects(WorkflowHandle handle, RunMemory memory) {
        return new RunObjects(client, calls, handle, memory.target());
    }

    /** What this adapter saw of the run; a run it did not apply (a retry's cleanup, say) starts with the engine's own kind. */
    private RunMemory memory(WorkflowHandle handle) {
        return runs.computeIfAbsent(key(handle), k -> new RunMemory(Target.of(options.engine())));
    }

    private static String key(WorkflowHandle handle) {
        return handle.namespace() + "/" + handle.name();
    }
}
