package dev.workflowrun.domain.testing;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.cluster.ApiRequestCounts;
import dev.workflowrun.domain.cluster.ApplyResult;
import dev.workflowrun.domain.cluster.AwaitResult;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.ProgressListener;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.signal.Cancellation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster in memory. It records every call in order, keeps the set of Workflows that exist
 * (so a retry is adopted and a delete is visible), and plays a script of await results: finish
 * with a verdict, run past the wait's deadline (moving the clock), or wait for cancellation.
 */
public final class FakeWorkflowCluster implements WorkflowClusterPort {

    /** One scripted answer to {@link #awaitTerminal}. */
    public interface AwaitStep {
        AwaitResult answer(Instant until, Cancellation cancellation) throws InterruptedException;
    }

    private final MutableClock clock;
    private final List<String> calls = new ArrayList<>();
    private final Set<String> existing = new HashSet<>();
    private final Deque<AwaitStep> script = new ArrayDeque<>();
    private int applies;
    private RuntimeException checkFailure;
    private int checks;
    private RuntimeException applyFailure;
    private RuntimeException awaitFailure;
    private RuntimeException captureFailure;
    private RuntimeException cleanupFailure;

    public FakeWorkflowCluster(MutableClock clock) {
        this.clock = clock;
    }

    public static AwaitStep finish(WorkflowVerdict verdict) {
        return (until, cancellation) -> new AwaitResult.Finished(verdict);
    }

    /** The Workflow is still running when the wait's limit comes: the clock jumps to it. */
    public AwaitStep runPastLimit() {
        return (until, cancellation) -> {
            clock.set(until);
            return new AwaitResult.StillRunning();
        };
    }

    /** Blocks (up to 10 s) until the run is cancelled, as a real watch would. */
    public static AwaitStep untilCancelled() {
        return (until, cancellation) -> cancellation.await(10_000)
                ? new AwaitResult.Cancelled(cancellation.reason().orElse("cancelled"))
                : new AwaitResult.StillRunning();
    }

    public FakeWorkflowCluster then(AwaitStep step) {
        script.add(step);
        return this;
    }

    /** The cluster cannot be reached (or lacks the CRD): the check before fetch throws {@code e}. */
    public FakeWorkflowCluster failCheck(RuntimeException e) {
        checkFailure = e;
        return this;
    }

    /** How many times the cluster was checked before a run. */
    public synchronized int checks() {
        return checks;
    }

    @Override
    public synchronized void checkReachable(String namespace) {
        checks++;
        if (checkFailure != null) {
            throw checkFailure;
        }
    }

    public FakeWorkflowCluster failApply(RuntimeException e) {
        applyFailure = e;
        return this;
    }

    public FakeWorkflowCluster failAwait(RuntimeException e) {
        awaitFailure = e;
        return this;
    }

    public FakeWorkflowCluster failCapture(RuntimeException e) {
        captureFailure = e;
        return this;
    }

    public FakeWorkflowCluster failCleanup(RuntimeException e) {
        cleanupFailure = e;
        return this;
    }

    @Override
    public synchronized ApplyResult applyOrAdopt(WorkflowHandle handle, String renderedYaml) {
        calls.add("apply " + handle.name());
        if (existing.contains(handle.name())) {
            return ApplyResult.ADOPTED;
        }
        existing.add(handle.name());
        applies++;
        if (applyFailure != null) {
            throw applyFailure;
        }
        return ApplyResult.APPLIED;
    }

    @Override
    public AwaitResult awaitTerminal(WorkflowHandle handle, Instant until, Cancellation cancellation, ProgressListener progress) {
        synchronized (this) {
            calls.add("await");
        }
        if (awaitFailure != null) {
            throw awaitFailure;
        }
        AwaitStep step = script.poll();
        if (step == null) {
            throw new IllegalStateException("the test scripted no more await results");
        }
        try {
            return step.answer(until, cancellation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AwaitResult.Cancelled("thread interrupted");
        }
    }

    @Override
    public synchronized TerminalSnapshot capture(WorkflowHandle handle, CaptureOptions options) {
        calls.add("capture " + (existing.contains(handle.name()) ? "(workflow present)" : "(workflow gone)"));
        if (captureFailure != null) {
            throw captureFailure;
        }
        return new TerminalSnapshot(List.of(BundleFile.yaml("workflow.yaml", "kind: Workflow\nmetadata:\n  name: " + handle.name() + "\n")),
                3, 2, List.of());
    }

    @Override
    public synchronized CleanupReport cleanUp(WorkflowHandle handle, Duration bound, String abortReason) {
        calls.add("cleanUp");
        if (cleanupFailure != null) {
            throw cleanupFailure;
        }
        existing.remove(handle.name());
        return new CleanupReport(true, true, List.of(), List.of());
    }

    @Override
    public ApiRequestCounts requestCounts() {
        return new ApiRequestCounts(Map.of("POST workflows", (long) applies));
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    public synchronized long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    public synchronized int applies() {
        return applies;
    }

    public synchronized boolean exists(String name) {
        return existing.contains(name);
    }
}
