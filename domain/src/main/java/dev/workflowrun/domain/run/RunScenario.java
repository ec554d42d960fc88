package dev.workflowrun.domain.run;

import dev.workflowrun.domain.text.Scrubber;
import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.Content;
import dev.workflowrun.domain.artifacts.AlreadyPublished;
import dev.workflowrun.domain.artifacts.Attempt;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.artifacts.PublishedBundle;
import dev.workflowrun.domain.artifacts.RunBundle;
import dev.workflowrun.domain.cluster.ApiRequestCounts;
import dev.workflowrun.domain.cluster.CleanupReport;
import dev.workflowrun.domain.cluster.ClusterException;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.cluster.WorkflowVerdict;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.report.RunChecks;
import dev.workflowrun.domain.report.RunRecord;
import dev.workflowrun.domain.report.RunReport;
import dev.workflowrun.domain.report.RunReports;
import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.signal.Cancellation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
            rendered = new RunState.Planned(command).fetch(ports, journal).render(ports, journal);
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
        RunJournal journal = new RunJournal(ports.clock(), listener);
        Draft draft = new Draft(command, ports.clock().instant());
        journal.info("run " + command.runId() + " of scenario " + command.scenario() + " from " + command.scenarioRef()
                + " into namespace " + command.namespace());

        RunState.Verified verified;
        try {
            RunState.Planned planned = new RunState.Planned(command);
            checkCluster(command, journal);
            RunState.Fetched fetched = untilCancelled(() -> planned.fetch(ports, journal), cancellation);
            draft.commit = Optional.of(fetched.scenario().commit());
            stopIfCancelled(cancellation);
            RunState.Rendered rendered = fetched.render(ports, journal);
            draft.rendered = Optional.of(rendered);
            stopIfCancelled(cancellation);
            verified = rendered.verify(ports, journal);
            draft.verified = Optional.of(verified);
            stopIfCancelled(cancellation);
        } catch (RunRejected e) {
            journal.enter("Finished", RunEvent.Level.ERROR, "stopped before apply: " + e.getMessage());
            draft.outcome = e.outcome();
            draft.exitCode = e.exitCode();
            draft.reason = e.getMessage();
            return publish(draft, journal);
        } catch (ScenarioFetchException e) {
            if (cancellation.isCancelled()) {
                return rejectBeforeApply(draft, journal, Outcome.INTERRUPTED, "interrupted during fetch (" + cancellation.reason().orElse("cancelled")
                        + "); nothing was applied");
            }
            return rejectBeforeApply(draft, journal, Outcome.INFRA_FAILED, "fetch failed: " + e.getMessage());
        } catch (Cancelled e) {
            return rejectBeforeApply(draft, journal, Outcome.INTERRUPTED, "interrupted before apply (" + e.getMessage() + "); nothing was applied");
        } catch (RuntimeException e) {
            return rejectBeforeApply(draft, journal, Outcome.INFRA_FAILED, "unexpected error before apply: " + e);
        }

        RunState.Applied applied;
        try {
            applied = verified.apply(ports, journal);
        } catch (RunRejected e) {
            return rejectBeforeApply(draft, journal, Outcome.INFRA_FAILED, e.getMessage());
        }
        draft.workflow = Optional.of(applied.handle());
        draft.applyResult = applied.result();
        RunState.Terminal terminal = applied.await(ports, journal, cancellation, listener);
        RunState.Captured captured = terminal.capture(ports, journal);
        RunState.CleanedUp cleanedUp = captured.cleanUp(ports, journal);

        WorkflowVerdict verdict = terminal.verdict();
        draft.softWarned = terminal.softDeadlineWarned();
        draft.snapshot = Optional.of(scrubbed(captured.snapshot(), journal.scrubber()));
        draft.cleanup = Optional.of(cleanedUp.report());
        draft.outcome = Optional.of(cleanedUp.outcome());
        draft.exitCode = ExitCode.of(cleanedUp.outcome());
        draft.decidingTask = verdict.decidingTask();
        draft.reason = verdict.reason() + (cleanedUp.outcome() != verdict.outcome() ? "; cleanup left objects behind" : "");
        return publish(draft, journal, cancellation);
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

    private RunResult rejectBeforeApply(Draft draft, RunJournal journal, Outcome outcome, String reason) {
        journal.enter("Finished", RunEvent.Level.ERROR, "stopped before apply: " + reason);
        draft.outcome = Optional.of(outcome);
        draft.exitCode = ExitCode.of(outcome);
        draft.reason = reason;
        return publish(draft, journal);
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
            while (!result.isDone()) {
                if (cancellation.await(50)) {
                    throw new Cancelled(cancellation.reason().orElse("cancelled"));
                }
            }
            return result.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancelled("thread interrupted");
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static void stopIfCancelled(Cancellation cancellation) {
        if (cancellation.isCancelled()) {
            throw new Cancelled(cancellation.reason().orElse("cancelled"));
        }
    }

    /**
     * Publishes on every path (invariant 4): the store first, the fallback directory if the store
     * fails. Each attempt of a run goes under its own {@code attempt-<n>/}, the next free number, so a
     * CronJob retry never overwrites the evidence of the attempt before it (invariant 7).
     */
    private RunResult publish(Draft draft, RunJournal journal) {
        return publish(draft, journal, new Cancellation());
    }

    private RunResult publish(Draft draft, RunJournal journal, Cancellation cancellation) {
        RunScenarioCommand command = draft.command;
        BundleLocation run = BundleLocation.expand(command.keyPrefixTemplate(), command.scenario(), command.runId().value(),
                LocalDate.ofInstant(draft.startedAt, ZoneOffset.UTC));
        try {
            PublishedBundle published = publishWatchingSignals(draft, journal, run, cancellation);
            journal.enter("Finished", "published " + published.files() + " file(s), " + published.bytes() + " bytes to " + published.uri()
                    + "; exit " + draft.exitCode.code() + " (" + draft.outcomeLabel() + ")");
            return draft.result(journal, Optional.of(published), false);
        } catch (RuntimeException primaryFailure) {
            journal.error("publication failed: " + primaryFailure.getMessage() + "; writing the bundle to the fallback directory");
            draft.problems.add("publication failed: " + primaryFailure.getMessage());
            if (draft.outcome.isPresent() && (draft.outcome.get() == Outcome.PASSED || draft.outcome.get() == Outcome.TASK_FAILED)) {
                draft.outcome = Optional.of(Outcome.INFRA_FAILED);
                draft.exitCode = ExitCode.INFRA_FAILED;
                draft.reason = draft.reason + "; the bundle could not be published to the store";
            }
            return publishToFallback(draft, journal, run);
        }
    }

    private RunResult publishToFallback(Draft draft, RunJournal journal, BundleLocation run) {
        try {
            PublishedBundle published = publishAttempt(draft, journal, ports.fallback(), run, true);
            journal.enter("Finished", RunEvent.Level.ERROR, "bundle kept in the fallback: " + published.uri() + "; exit " + draft.exitCode.code()
                    + " (" + draft.outcomeLabel() + ")");
            return draft.result(journal, Optional.of(published), true);
        } catch (RuntimeException fallbackFailure) {
            journal.error("the fallback failed too: " + fallbackFailure.getMessage() + "; the bundle is lost apart from this output");
            draft.problems.add("fallback failed: " + fallbackFailure.getMessage());
            draft.outcome = draft.outcome.map(o -> o == Outcome.PASSED || o == Outcome.TASK_FAILED ? Outcome.INFRA_FAILED : o);
            draft.exitCode = draft.outcome.map(ExitCode::of).orElse(draft.exitCode);
            return draft.result(journal, Optional.empty(), true);
        }
    }

    /**
     * The upload to the store runs on its own thread. Should a signal come while it is under way (a store that
     * hangs can take longer than the signal's grace), the bundle, already complete in memory, is written to the
     * fallback at once, so a forced exit can no longer lose captured files; the upload then goes on as long as
     * the grace lets it.
     */
    private PublishedBundle publishWatchingSignals(Draft draft, RunJournal journal, BundleLocation run, Cancellation cancellation) {
        CompletableFuture<PublishedBundle> upload = new CompletableFuture<>();
        Thread uploader = new Thread(() -> {
            try {
                upload.complete(publishAttempt(draft, journal, ports.store(), run, false));
            } catch (Throwable t) {
                upload.completeExceptionally(t);
            }
        }, "workflow-run-publish");
        uploader.setDaemon(true);
        uploader.start();
        boolean copyKept = cancellation.isCancelled() && keepCopyInFallback(draft, journal, run);
        try {
            while (true) {
                try {
                    return upload.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (!copyKept && cancellation.isCancelled()) {
                        copyKept = keepCopyInFallback(draft, journal, run);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishInterrupted("interrupted while publishing");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new PublishInterrupted(String.valueOf(e.getCause()));
        }
    }

    /** A copy of the bundle in the fallback while the store's upload is still under way; true once it is written (or cannot be). */
    private boolean keepCopyInFallback(Draft draft, RunJournal journal, BundleLocation run) {
        synchronized (draft) {
            int attempt = draft.attempt;
            String prefix = draft.bundlePrefix;
            List<Attempt> earlier = draft.earlierAttempts;
            try {
                PublishedBundle copy = publishAttempt(draft, journal, ports.fallback(), run, true);
                journal.warn("signalled while the upload to the store is under way: a copy of the bundle is kept in the fallback "
                        + copy.uri() + " meanwhile");
            } catch (RuntimeException e) {
                journal.error("signalled while the upload is under way, and the copy to the fallback failed: " + e.getMessage());
            } finally {
                draft.attempt = attempt;
                draft.bundlePrefix = prefix;
                draft.earlierAttempts = earlier;
            }
            return true;
        }
    }

    /** Lists the attempts there are, takes the next number, and moves on if another attempt took it meanwhile. */
    private PublishedBundle publishAttempt(Draft draft, RunJournal journal, PublishArtifactsPort store, BundleLocation run, boolean fallback) {
        List<Attempt> listed = store.attempts(run);
        int number = Attempt.next(listed);
        for (int tries = 1; ; tries++, number++) {
            BundleLocation location = run.attempt(number);
            RunBundle bundle;
            synchronized (draft) {
                draft.earlierAttempts = listed;
                draft.attempt = number;
                draft.bundlePrefix = location.prefix();
                journal.enter("Publishing", "publishing attempt " + number + " of run " + draft.command.runId() + " under " + location.prefix()
                        + (listed.isEmpty() ? "" : " (earlier: " + describe(listed) + ")"));
                bundle = bundle(draft, journal, fallback);
            }
            try {
                PublishedBundle published = store.publish(location, bundle);
                synchronized (draft) {
                    // The fields the run's result reports are this publication's again (a fallback copy may have set its own meanwhile).
                    draft.earlierAttempts = listed;
                    draft.attempt = number;
                    draft.bundlePrefix = location.prefix();
                }
                return published;
            } catch (AlreadyPublished e) {
                if (tries >= 3) {
                    throw e;
                }
                journal.warn("attempt " + number + " of run " + draft.command.runId() + " is already published (" + e.getMessage()
                        + "); leaving it as it is and taking the next number");
            }
        }
    }

    private static String describe(List<Attempt> attempts) {
        return attempts.stream().map(a -> a.number() + " " + a.outcome().orElse("(no run.json: cut short)"))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Every file of the bundle, scrubbed of every secret value whatever the file (invariant 9). */
    private RunBundle bundle(Draft draft, RunJournal journal, boolean fallback) {
        Scrubber scrubber = journal.scrubber();
        RunBundle.Builder builder = RunBundle.builder();
        draft.rendered.ifPresent(r -> builder.add(BundleFile.yaml("rendered.yaml", r.manifest().yaml())));
        draft.snapshot.ifPresent(s -> builder.addAll(s.files()));
        builder.add(BundleFile.text("orchestrator.log", orchestratorLog.apply(journal)));
        RunResult result = draft.result(journal, Optional.empty(), fallback);
        RunReport report = report(new RunRecord(result, RunChecks.of(draft.rendered, draft.verified),
                java.util.stream.Stream.concat(builder.names().stream(), java.util.stream.Stream.of(RunBundle.SUMMARY)).toList(), scrubber), journal);
        builder.addAll(report.files());
        RunBundle raw = builder.build(RunSummary.json(result, report.tasks()));
        if (scrubber.isEmpty()) {
            return raw;
        }
        RunBundle.Builder scrubbed = RunBundle.builder();
        String runJson = "";
        for (BundleFile file : raw.files()) {
            BundleFile clean = new BundleFile(file.name(), file.contentType(), Content.ofBytes(scrubber.scrub(readAll(file))));
            if (file.name().equals(RunBundle.SUMMARY)) {
                runJson = new String(readAll(clean), java.nio.charset.StandardCharsets.UTF_8);
            } else {
                scrubbed.add(clean);
            }
        }
        return scrubbed.build(runJson);
    }

    /** A report that cannot be made costs the report, never the bundle (invariant 4). */
    private RunReport report(RunRecord record, RunJournal journal) {
        try {
            return reports.report(record);
        } catch (RuntimeException e) {
            journal.warn("the reports could not be made: " + e);
            return RunReport.EMPTY;
        }
    }

    /** The captured objects and logs hold rendered values (env, args, log lines): scrubbed once, for the bundle and the summary alike. */
    private static TerminalSnapshot scrubbed(TerminalSnapshot snapshot, Scrubber scrubber) {
        if (scrubber.isEmpty()) {
            return snapshot;
        }
        List<BundleFile> files = snapshot.files().stream()
                .map(f -> new BundleFile(f.name(), f.contentType(), Content.ofBytes(scrubber.scrub(readAll(f))))).toList();
        return new TerminalSnapshot(files, snapshot.nodes(), snapshot.pods(), snapshot.problems().stream().map(scrubber::scrub).toList());
    }

    private static byte[] readAll(BundleFile file) {
        try (java.io.InputStream in = file.content().open()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read bundle file " + file.name() + ": " + e.getMessage(), e);
        }
    }

    /** The run's facts as they accumulate; becomes the {@link RunResult}. */
    private final class Draft {
        final RunScenarioCommand command;
        final Instant startedAt;
        Optional<String> commit = Optional.empty();
        Optional<RunState.Rendered> rendered = Optional.empty();
        Optional<RunState.Verified> verified = Optional.empty();
        Optional<WorkflowHandle> workflow = Optional.empty();
        Optional<dev.workflowrun.domain.cluster.ApplyResult> applyResult = Optional.empty();
        Optional<Outcome> outcome = Optional.empty();
        ExitCode exitCode = ExitCode.INFRA_FAILED;
        Optional<String> decidingTask = Optional.empty();
        String reason = "";
        boolean softWarned;
        Optional<TerminalSnapshot> snapshot = Optional.empty();
        Optional<CleanupReport> cleanup = Optional.empty();
        String bundlePrefix = "";
        int attempt = 1;
        List<Attempt> earlierAttempts = List.of();
        final List<String> problems = new ArrayList<>();

        Draft(RunScenarioCommand command, Instant startedAt) {
            this.command = command;
            this.startedAt = startedAt;
        }

        String outcomeLabel() {
            return outcome.map(Enum::name).orElse("REJECTED");
        }

        RunResult result(RunJournal journal, Optional<PublishedBundle> published, boolean fallback) {
            List<String> all = new ArrayList<>(problems);
            snapshot.ifPresent(s -> all.addAll(s.problems()));
            cleanup.ifPresent(c -> all.addAll(c.problems()));
            Map<String, String> variables = rendered.map(r -> r.variables().redacted()).orElse(Map.of());
            Map<String, String> roles = new java.util.TreeMap<>();
            rendered.ifPresent(r -> r.variables().roles().forEach((role, name) -> roles.put(role.label(), name)));
            Optional<Deadlines> deadlines = rendered.map(r -> r.plan().deadlines());
            ApiRequestCounts counts = workflow.isPresent() ? ports.cluster().requestCounts() : ApiRequestCounts.NONE;
            Scrubber scrubber = journal.scrubber();
            all.replaceAll(scrubber::scrub);
            return new RunResult(command, commit, workflow, applyResult, outcome, exitCode, decidingTask, scrubber.scrub(reason), variables, roles,
                    deadlines, softWarned, snapshot, cleanup, journal.stateDurations(), counts, bundlePrefix, attempt, earlierAttempts,
                    published, fallback,
                    all, startedAt, ports.clock().instant(), journal.events());
        }
    }

    private static final class PublishInterrupted extends RuntimeException {
        PublishInterrupted(String reason) {
            super(reason);
        }
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled(String reason) {
            super(reason);
        }
    }
}
