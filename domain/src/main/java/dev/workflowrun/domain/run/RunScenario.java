package dev.workflowrun.domain.run;

import dev.workflowrun.domain.text.Scrubber;
import dev.workflowrun.domain.cluster.ClusterException;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.report.RunReports;
import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.signal.Cancellation;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The use case: fetch, render, verify, apply, wait, capture, clean up, publish.
 *
 * <p>Guarantees, each with a test: nothing is applied unless every check before it passed (1);
 * once apply was attempted, capture then cleanup run exactly once on every path (2, 3);
 * publication is attempted on every path and falls back to a local directory (4); the soft
 * deadline warns at most once and the hard one aborts (5); the exit code is
 * {@link ExitCode#of} the outcome (6); a retry adopts the run's Workflow (7, in the adapter).
 */
public final class RunScenario implements RunScenarioUseCase, RenderScenarioUseCase {

    private final RunPorts ports;
    private final Function<RunJournal, String> orchestratorLog;
    private final RunReports reports;

    /** @param orchestratorLog how the journal is written into {@code orchestrator.log} (text or JSON lines) */
    public RunScenario(RunPorts ports, Function<RunJournal, String> orchestratorLog) {
        this(ports, orchestratorLog, RunReports.NONE);
    }

    /** @param reports makes the bundle's reports ({@code index.html}, {@code junit.xml}) from the run's record */
    public RunScenario(RunPorts ports, Function<RunJournal, String> orchestratorLog, RunReports reports) {
        this.ports = ports;
        this.orchestratorLog = orchestratorLog;
        this.reports = reports;
    }

    public RunScenario(RunPorts ports) {
        this(ports, RunJournal::toText);
    }

    @Override
    public RenderResult render(RunScenarioCommand command, RunEventListener listener) {
        RunJournal journal = new RunJournal(ports.clock(), listener);
        RunState.Rendered rendered;
        try {
            rendered = RunState.plan(command, ports.clock().instant()).fetch(ports, journal).render(ports, journal);
        } catch (ScenarioFetchException e) {
            throw RunRejected.infra(e.getMessage(), e);
        }
        RunState.Verified verified = rendered.verify(ports, journal);
        // What render prints never holds a secret value: each is shown as <secret NAME> (invariant 9).
        String shown = Scrubber.of(rendered.variables().secrets()).scrub(rendered.manifest().yaml());
        return new RenderResult(rendered.scenario(), shown, verified.plan(), verified.plan().warnings(), verified.drift());
    }

    @Override
    public RunResult run(RunScenarioCommand command, Cancellation cancellation, RunEventListener listener) {
        return run(RunState.plan(command, ports.clock().instant()), cancellation, listener);
    }

    /** Runs from a start made by the caller, who keeps its bundle location (the CLI's forced-exit flush writes there). */
    @Override
    public RunResult run(RunState.Planned planned, Cancellation cancellation, RunEventListener listener) {
        RunJournal journal = new RunJournal(ports.clock(), listener);
        RunScenarioCommand command = planned.command();
        journal.info("run " + command.runId() + " of scenario " + command.scenario() + " from " + command.scenarioRef()
                + " into namespace " + command.namespace());
        RunState.Concluded concluded = conclude(planned, journal, cancellation, listener);
        // Before apply there is nothing a signal could still lose: only a run that was applied watches for one while it uploads.
        Cancellation duringUpload = concluded instanceof RunState.CleanedUp ? cancellation : new Cancellation();
        return concluded.publish(new Publication(ports, orchestratorLog, reports, journal, duringUpload)).result();
    }

    /** Every step up to the end of cleanup, or up to where the run stopped before apply. */
    private RunState.Concluded conclude(RunState.Planned planned, RunJournal journal, Cancellation cancellation, RunEventListener listener) {
        RunState.BeforeApply reached = planned;
        RunState.Verified verified;
        try {
            checkCluster(planned.command(), journal);
            RunState.Fetched fetched = untilCancelled(() -> planned.fetch(ports, journal), cancellation);
            reached = fetched;
            stopIfCancelled(cancellation);
            RunState.Rendered rendered = fetched.render(ports, journal);
            reached = rendered;
            stopIfCancelled(cancellation);
            verified = rendered.verify(ports, journal);
            reached = verified;
            stopIfCancelled(cancellation);
        } catch (RunRejected e) {
            return stopped(reached.stop(e), journal);
        } catch (ScenarioFetchException e) {
            if (cancellation.isCancelled()) {
                return stopped(reached.stop(Outcome.INTERRUPTED, "interrupted during fetch (" + cancellation.reason().orElse("cancelled")
                        + "); nothing was applied"), journal);
            }
            return stopped(reached.stop(Outcome.INFRA_FAILED, "fetch failed: " + e.getMessage()), journal);
        } catch (Cancelled e) {
            return stopped(reached.stop(Outcome.INTERRUPTED, "interrupted before apply (" + e.getMessage() + "); nothing was applied"), journal);
        } catch (RuntimeException e) {
            return stopped(reached.stop(Outcome.INFRA_FAILED, "unexpected error before apply: " + e), journal);
        }

        RunState.Applied applied;
        try {
            applied = verified.apply(ports, journal);
        } catch (RunRejected e) {
            return stopped(verified.stop(Outcome.INFRA_FAILED, e.getMessage()), journal);
        }
        return applied.await(ports, journal, cancellation, listener)
                .capture(ports, journal)
                .cleanUp(ports, journal);
    }

    private static RunState.Rejected stopped(RunState.Rejected rejected, RunJournal journal) {
        journal.enter("Finished", RunEvent.Level.ERROR, "stopped before apply: " + rejected.reason());
        return rejected;
    }

    /** A wrong or unreachable cluster is found in seconds, before the fetch, not minutes later at apply. */
    private void checkCluster(RunScenarioCommand command, RunJournal journal) {
        try {
            ports.cluster().checkReachable(command.namespace());
        } catch (ClusterException e) {
            throw RunRejected.infra("the cluster cannot be used: " + e.getMessage(), e);
        }
        journal.info("the cluster answers and knows the Workflow kind in namespace " + command.namespace());
    }

    /**
     * Runs a step that may block on the network (a git fetch cannot be interrupted mid-read) on its
     * own daemon thread, and stops waiting for it as soon as the run is cancelled. Nothing has been
     * applied yet, so abandoning the step loses nothing.
     */
    private static <T> T untilCancelled(Supplier<T> step, Cancellation cancellation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(step.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "workflow-run-fetch");
        worker.setDaemon(true);
        worker.start();
        try {
            // Wait on the step itself, so that a quick fetch returns at once; look at the cancellation between waits.
            while (true) {
                try {
                    return result.get(50, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    stopIfCancelled(cancellation);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled("thread interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void stopIfCancelled(Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            throw new Cancelled(cancellation.reason().orElse("cancelled"));
        }
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled(String reason) {
            super(reason);
        }
    }
}
