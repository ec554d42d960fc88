package dev.workflowrun.domain.run;

import dev.workflowrun.domain.artifacts.AlreadyPublished;
import dev.workflowrun.domain.artifacts.Attempt;
import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.Content;
import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.artifacts.PublishException;
import dev.workflowrun.domain.artifacts.PublishedBundle;
import dev.workflowrun.domain.artifacts.RunBundle;
import dev.workflowrun.domain.cluster.ApiRequestCounts;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.report.RunChecks;
import dev.workflowrun.domain.report.RunRecord;
import dev.workflowrun.domain.report.RunReport;
import dev.workflowrun.domain.report.RunReports;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.domain.text.Scrubber;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The publication of one concluded run, the step from {@link RunState.Concluded} to
 * {@link RunState.Published}: the store first, the fallback directory if the store fails
 * (invariant 4); each attempt under its own {@code attempt-<n>/} (invariant 7). It holds only
 * what publication itself decides: the attempt number, where the bundle went, and the outcome
 * when a store failure turns a pass into an infrastructure failure.
 */
final class Publication {

    private final RunPorts ports;
    private final Function<RunJournal, String> orchestratorLog;
    private final RunReports reports;
    private final RunJournal journal;
    private final Cancellation cancellation;

    private RunState.Concluded concluded;
    private Optional<Outcome> outcome = Optional.empty();
    private ExitCode exitCode = ExitCode.INFRA_FAILED;
    private String reason = "";
    private final List<String> problems = new ArrayList<>();
    private String bundlePrefix = "";
    private int attempt = 1;
    private List<Attempt> earlierAttempts = List.of();

    /** @param cancellation a signal during the upload keeps a copy of the bundle in the fallback at once */
    Publication(RunPorts ports, Function<RunJournal, String> orchestratorLog, RunReports reports, RunJournal journal, Cancellation cancellation) {
        this.ports = ports;
        this.orchestratorLog = orchestratorLog;
        this.reports = reports;
        this.journal = journal;
        this.cancellation = cancellation;
    }

    /**
     * Publishes on every path (invariant 4): the store first, the fallback directory if the store
     * fails. Each attempt of a run goes under its own {@code attempt-<n>/}, the next free number, so a
     * CronJob retry never overwrites the evidence of the attempt before it (invariant 7).
     */
    RunResult publish(RunState.Concluded concluded) {
        synchronized (this) {
            this.concluded = concluded;
            this.outcome = concluded.outcome();
            this.exitCode = concluded.exitCode();
            this.reason = concluded.reason();
        }
        BundleLocation run = concluded.planned().location();
        try {
            PublishedBundle published = publishWatchingSignals(run);
            journal.enter("Finished", "published " + published.files() + " file(s), " + published.bytes() + " bytes to " + published.uri()
                    + "; exit " + exitCode.code() + " (" + outcomeLabel() + ")");
            return result(Optional.of(published), false);
        } catch (RuntimeException primaryFailure) {
            journal.error("publication failed: " + primaryFailure.getMessage() + "; writing the bundle to the fallback directory");
            problems.add("publication failed: " + primaryFailure.getMessage());
            if (outcome.isPresent() && (outcome.get() == Outcome.PASSED || outcome.get() == Outcome.TASK_FAILED)) {
                outcome = Optional.of(Outcome.INFRA_FAILED);
                exitCode = ExitCode.INFRA_FAILED;
                reason = reason + "; the bundle could not be published to the store";
            }
            return publishToFallback(run);
        }
    }

    private RunResult publishToFallback(BundleLocation run) {
        try {
            PublishedBundle published = publishAttempt(ports.fallback(), run, true);
            journal.enter("Finished", RunEvent.Level.ERROR, "bundle kept in the fallback: " + published.uri() + "; exit " + exitCode.code()
                    + " (" + outcomeLabel() + ")");
            return result(Optional.of(published), true);
        } catch (RuntimeException fallbackFailure) {
            journal.error("the fallback failed too: " + fallbackFailure.getMessage() + "; the bundle is lost apart from this output");
            problems.add("fallback failed: " + fallbackFailure.getMessage());
            outcome = outcome.map(o -> o == Outcome.PASSED || o == Outcome.TASK_FAILED ? Outcome.INFRA_FAILED : o);
            exitCode = outcome.map(ExitCode::of).orElse(exitCode);
            return result(Optional.empty(), true);
        }
    }

    /**
     * The upload to the store runs on its own thread. Should a signal come while it is under way (a store that
     * hangs can take longer than the signal's grace), the bundle, already complete in memory, is written to the
     * fallback at once, so a forced exit can no longer lose captured files; the upload then goes on as long as
     * the grace lets it.
     */
    private PublishedBundle publishWatchingSignals(BundleLocation run) {
        CompletableFuture<PublishedBundle> upload = new CompletableFuture<>();
        Thread uploader = new Thread(() -> {
            try {
                upload.complete(publishAttempt(ports.store(), run, false));
            } catch (Throwable t) {
                upload.completeExceptionally(t);
            }
        }, "workflow-run-publish");
        uploader.setDaemon(true);
        uploader.start();
        boolean copyKept = cancellation.isCancelled() && keepCopyInFallback(run);
        try {
            while (true) {
                try {
                    return upload.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (!copyKept && cancellation.isCancelled()) {
                        copyKept = keepCopyInFallback(run);
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
            // An Error on the upload's own thread (a class the store's client misses, its memory run out) is that
            // upload's failure: the bundle, complete in memory, still goes to the fallback (invariant 4).
            throw new PublishException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** A copy of the bundle in the fallback while the store's upload is still under way; true once it is written (or cannot be). */
    private boolean keepCopyInFallback(BundleLocation run) {
        synchronized (this) {
            int number = attempt;
            String prefix = bundlePrefix;
            List<Attempt> earlier = earlierAttempts;
            try {
                PublishedBundle copy = publishAttempt(ports.fallback(), run, true);
                journal.warn("signalled while the upload to the store is under way: a copy of the bundle is kept in the fallback "
                        + copy.uri() + " meanwhile");
            } catch (RuntimeException e) {
                journal.error("signalled while the upload is under way, and the copy to the fallback failed: " + e.getMessage());
            } finally {
                attempt = number;
                bundlePrefix = prefix;
                earlierAttempts = earlier;
            }
            return true;
        }
    }

    /** Lists the attempts there are, takes the next number, and moves on if another attempt took it meanwhile. */
    private PublishedBundle publishAttempt(PublishArtifactsPort store, BundleLocation run, boolean fallback) {
        List<Attempt> listed = store.attempts(run);
        int number = Attempt.next(listed);
        for (int tries = 1; ; tries++, number++) {
            BundleLocation location = run.attempt(number);
            RunBundle bundle;
            synchronized (this) {
                earlierAttempts = listed;
                attempt = number;
                bundlePrefix = location.prefix();
                journal.enter("Publishing", "publishing attempt " + number + " of run " + concluded.command().runId() + " under " + location.prefix()
                        + (listed.isEmpty() ? "" : " (earlier: " + describe(listed) + ")"));
                bundle = bundle(fallback);
            }
            try {
                PublishedBundle published = store.publish(location, bundle);
                synchronized (this) {
                    // The fields the run's result reports are this publication's again (a fallback copy may have set its own meanwhile).
                    earlierAttempts = listed;
                    attempt = number;
                    bundlePrefix = location.prefix();
                }
                return published;
            } catch (AlreadyPublished e) {
                if (tries >= 3) {
                    throw e;
                }
                journal.warn("attempt " + number + " of run " + concluded.command().runId() + " is already published (" + e.getMessage()
                        + "); leaving it as it is and taking the next number");
            }
        }
    }

    private static String describe(List<Attempt> attempts) {
        return attempts.stream().map(a -> a.number() + " " + a.outcome().orElse("(no run.json: cut short)"))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Every file of the bundle, scrubbed of every secret value whatever the file (invariant 9). */
    private RunBundle bundle(boolean fallback) {
        Scrubber scrubber = journal.scrubber();
        RunBundle.Builder builder = RunBundle.builder();
        concluded.rendered().ifPresent(r -> builder.add(BundleFile.yaml("rendered.yaml", r.manifest().yaml())));
        concluded.snapshot().ifPresent(s -> builder.addAll(s.files()));
        builder.add(BundleFile.text("orchestrator.log", orchestratorLog.apply(journal)));
        RunResult result = result(Optional.empty(), fallback);
        RunReport report = report(new RunRecord(result, RunChecks.of(concluded.rendered(), concluded.verified()),
                java.util.stream.Stream.concat(builder.names().stream(), java.util.stream.Stream.of(RunBundle.SUMMARY)).toList(), scrubber), journal);
        builder.addAll(report.files());
        RunBundle raw = builder.build(RunSummary.json(result, report.tasks()));
        if (scrubber.isEmpty()) {
            return raw;
        }
        RunBundle.Builder scrubbed = RunBundle.builder();
        String runJson = "";
        for (BundleFile file : raw.files()) {
            BundleFile clean = new BundleFile(file.name(), file.contentType(), Content.ofBytes(scrubber.scrub(file.bytes())));
            if (file.name().equals(RunBundle.SUMMARY)) {
                runJson = new String(clean.bytes(), java.nio.charset.StandardCharsets.UTF_8);
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

    private static final class PublishInterrupted extends RuntimeException {
        PublishInterrupted(String reason) {
            super(reason);
        }
    }


    private String outcomeLabel() {
        return outcome.map(Enum::name).orElse("REJECTED");
    }

    /** The run's result as it stands: the concluded state's facts, with what publication changed. */
    private RunResult result(Optional<PublishedBundle> published, boolean fallback) {
        RunState.Concluded c = concluded;
        List<String> all = new ArrayList<>(problems);
        c.snapshot().ifPresent(s -> all.addAll(s.problems()));
        c.cleanup().ifPresent(r -> all.addAll(r.problems()));
        Map<String, String> variables = c.rendered().map(r -> r.variables().redacted()).orElse(Map.of());
        Map<String, String> roles = new TreeMap<>();
        c.rendered().ifPresent(r -> r.variables().roles().forEach((role, name) -> roles.put(role.label(), name)));
        Optional<Deadlines> deadlines = c.rendered().map(r -> r.plan().deadlines());
        ApiRequestCounts counts = c.workflow().isPresent() ? ports.cluster().requestCounts() : ApiRequestCounts.NONE;
        Scrubber scrubber = journal.scrubber();
        all.replaceAll(scrubber::scrub);
        return new RunResult(c.command(), c.commit(), c.workflow(), c.applyResult(), outcome, exitCode, c.decidingTask(), scrubber.scrub(reason),
                variables, roles, deadlines, c.softDeadlineWarned(), c.snapshot(), c.cleanup(), journal.stateDurations(), counts, bundlePrefix,
                attempt, earlierAttempts, published, fallback, all, c.planned().startedAt(), ports.clock().instant(), journal.events());
    }
}
