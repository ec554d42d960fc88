package dev.workflowrun.runner.progress;

import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.domain.run.RunEvent;
import dev.workflowrun.domain.run.RunEventListener;
import dev.workflowrun.domain.run.RunJournal;
import dev.workflowrun.domain.run.RunResult;
import dev.workflowrun.domain.text.Scrubber;
import dev.workflowrun.domain.variables.GoDuration;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Live progress on stderr: each state change with its timestamp, and while waiting, a line
 * whenever the picture changes (nodes finished of total, the running task, elapsed against the
 * soft and hard deadlines) and a heartbeat while it does not. In {@code json} form every line is
 * one JSON object carrying the run's id and scenario, for log aggregators: the runner's notices
 * ({@link #noticeWriter}) and the libraries' log ({@link LibraryLog}) come through here too, and
 * the last line ({@link #finished}) carries the outcome, the exit code and the deciding task. The
 * same formatter writes {@code orchestrator.log} ({@link #orchestratorLog}), so what the bundle
 * keeps is what the operator saw.
 */
public final class LiveProgress implements RunEventListener, AutoCloseable {

    /** How often a wait that shows no change says it is still waiting. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(1);

    private final EventFormat format;
    private final PrintWriter err;
    private final Clock clock;
    private final List<String> lines = new ArrayList<>();
    private final Map<String, Object> context = new LinkedHashMap<>();
    private Scrubber scrubber = Scrubber.none();
    private Scrubber runSecrets = Scrubber.none();
    private Duration heartbeat = DEFAULT_HEARTBEAT;
    private ScheduledExecutorService heartbeats;
    private String state = "Planned";
    private Instant waitingSince;
    private Optional<String> soft = Optional.empty();
    private Optional<String> hard = Optional.empty();
    private Progress last;
    private Instant runningSince;

    public LiveProgress(EventFormat format, PrintWriter err, Clock clock) {
        this.format = format;
        this.err = err;
        this.clock = clock;
        if (format == EventFormat.JSON) {
            LibraryLog.routeTo(this::libraryEvent);
        }
    }

    /** The run every line belongs to. */
    public synchronized LiveProgress forRun(String runId, String scenario) {
        context.put("runId", runId);
        context.put("scenario", scenario);
        return this;
    }

    /** How often a quiet wait says what is running and for how long (zero: never). */
    public synchronized LiveProgress heartbeat(Duration every) {
        heartbeat = every;
        return this;
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
        state = event.state();
        if (!"Waiting".equals(state)) {
            stopHeartbeat();
        }
        emit(format.format(event, context, Map.of()));
    }

    /** A retried API request, with its cause: shown as it happens, so a run that waits says why. */
    public void clusterNotice(String notice) {
        event(RunEvent.Level.WARN, notice, Map.of("source", "cluster"));
    }

    /** A line of the runner's own (start-up, a signal, a local flush) as an event of the current state. */
    public void notice(RunEvent.Level level, String message) {
        event(level, message, Map.of());
    }

    private synchronized void event(RunEvent.Level level, String message, Map<String, Object> fields) {
        emit(format.format(new RunEvent(clock.instant(), state, level, message), context, fields));
    }

    /** Where code that prints its notices to stderr (signals, the local flush) should print: {@code plain} in text, events in JSON. */
    public PrintWriter notices(PrintWriter plain) {
        return notices(plain, RunEvent.Level.WARN);
    }

    public PrintWriter notices(PrintWriter plain, RunEvent.Level level) {
        return format == EventFormat.JSON ? noticeWriter(level) : plain;
    }

    /** A writer whose every line becomes a {@link #notice} at {@code level}: for code that prints notices to stderr. */
    public PrintWriter noticeWriter(RunEvent.Level level) {
        return new PrintWriter(new Writer() {
            private final StringBuilder pending = new StringBuilder();

            @Override
            public synchronized void write(char[] buf, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    char c = buf[i];
                    if (c == '\n') {
                        String line = pending.toString().stripTrailing();
                        pending.setLength(0);
                        if (!line.isEmpty()) {
                            notice(level, line.startsWith("workflow-run: ") ? line.substring("workflow-run: ".length()) : line);
                        }
                    } else {
                        pending.append(c);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public synchronized void close() {
                if (!pending.isEmpty()) {
                    write(new char[] {'\n'}, 0, 1);
                }
            }
        }, true);
    }

    private void libraryEvent(RunEvent.Level level, String logger, String message) {
        event(level, message, Map.of("source", "library", "logger", logger));
    }

    @Override
    public synchronized void onWaiting(Deadlines deadlines, Instant appliedAt) {
        soft = Optional.of(GoDuration.format(deadlines.soft()));
        hard = Optional.of(GoDuration.format(deadlines.hard()));
        waitingSince = appliedAt;
        startHeartbeat();
    }

    @Override
    public synchronized void onProgress(Progress progress) {
        if (progress.equals(last)) {
            return;
        }
        if (last == null || !progress.runningTask().equals(last.runningTask())) {
            runningSince = clock.instant();
        }
        last = progress;
        Instant now = clock.instant();
        String text = progress.nodesFinished() + "/" + progress.nodesTotal() + " nodes finished"
                + progress.runningTask().map(t -> ", running " + t).orElse("")
                + "; elapsed " + GoDuration.format(elapsed(now))
                + soft.map(s -> " of soft " + s).orElse("") + hard.map(h -> ", hard " + h).orElse("");
        emit(format.format(new RunEvent(now, "Waiting", RunEvent.Level.INFO, text), context, waitFields(now)));
    }

    private Map<String, Object> waitFields(Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (last != null) {
            m.put("nodesFinished", last.nodesFinished());
            m.put("nodesTotal", last.nodesTotal());
            m.put("runningTask", last.runningTask());
            last.runningTask().ifPresent(t -> m.put("runningFor", GoDuration.format(since(runningSince, now))));
        }
        m.put("elapsed", GoDuration.format(elapsed(now)));
        m.put("softDeadline", soft);
        m.put("hardDeadline", hard);
        return m;
    }

    private Duration elapsed(Instant now) {
        return since(waitingSince, now);
    }

    private static Duration since(Instant start, Instant now) {
        return start == null ? Duration.ZERO : Duration.between(start, now).withNanos(0);
    }

    private void startHeartbeat() {
        if (heartbeat.isZero() || heartbeat.isNegative() || heartbeats != null) {
            return;
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "workflow-run-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeats.scheduleAtFixedRate(this::beat, heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void beat() {
        if (!"Waiting".equals(state)) {
            return;
        }
        Instant now = clock.instant();
        String running = last == null || last.runningTask().isEmpty() ? "no task running"
                : "running " + last.runningTask().get() + " for " + GoDuration.format(since(runningSince, now));
        String text = "still waiting: " + running + (last == null ? "" : ", " + last.nodesFinished() + "/" + last.nodesTotal() + " nodes finished")
                + "; elapsed " + GoDuration.format(elapsed(now)) + soft.map(s -> " of soft " + s).orElse("") + hard.map(h -> ", hard " + h).orElse("");
        Map<String, Object> fields = new LinkedHashMap<>(waitFields(now));
        fields.put("heartbeat", true);
        emit(format.format(new RunEvent(now, "Waiting", RunEvent.Level.INFO, text), context, fields));
    }

    private void stopHeartbeat() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
            heartbeats = null;
        }
    }

    /**
     * The last line: the outcome, the exit code and the deciding task. A pass is INFO, an
     * interruption or a time-out WARN, any other failure ERROR.
     */
    public synchronized void finished(RunResult result) {
        stopHeartbeat();
        ExitCode code = result.exitCode();
        RunEvent.Level level = switch (code) {
            case PASSED -> RunEvent.Level.INFO;
            case TIMED_OUT, INTERRUPTED -> RunEvent.Level.WARN;
            default -> RunEvent.Level.ERROR;
        };
        String outcome = result.outcome().map(Enum::name).orElse("REJECTED");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("outcome", outcome);
        fields.put("exitCode", code.code());
        fields.put("decidingTask", result.decidingTask());
        fields.put("reason", result.reason());
        fields.put("bundle", result.published().map(p -> p.uri()));
        String message = "run " + result.command().runId() + " " + outcome + result.decidingTask().map(t -> ", decided by task " + t).orElse("")
                + ": exit " + code.code();
        emit(format.format(new RunEvent(clock.instant(), "Finished", level, message), context, fields));
        close();
    }

    /** The run's own secrets, for what passes through here without the run's journal: followed Task logs, library lines. */
    @Override
    public synchronized void onSecrets(Scrubber all) {
        runSecrets = all;
    }

    /**
     * A followed line of a Task's log ({@code --follow-logs}): {@code task | line} in text, an event with
     * {@code source: task} and {@code task} in JSON. Not kept for {@code orchestrator.log}: the bundle has the logs.
     */
    public synchronized void taskLog(String task, String line) {
        String raw = format == EventFormat.TEXT ? task + " | " + line
                : format.format(new RunEvent(clock.instant(), state, RunEvent.Level.INFO, line), context, Map.of("source", "task", "task", task));
        err.println(scrubber.and(runSecrets).scrub(raw));
        err.flush();
    }

    /** Secrets only the application knows (the git token), kept out of stderr as the run keeps its own out of its events. */
    public synchronized void scrubWith(Scrubber more) {
        scrubber = scrubber.and(more);
    }

    private synchronized void emit(String raw) {
        String line = scrubber.and(runSecrets).scrub(raw);
        lines.add(line);
        err.println(line);
        err.flush();
    }

    /** What has been printed so far, for a local flush when the process must exit before publishing. */
    public synchronized List<String> linesSoFar() {
        return List.copyOf(lines);
    }

    /** {@code orchestrator.log}: the run's journal in this listener's format. */
    public synchronized String orchestratorLog(RunJournal journal) {
        return journal.events().stream().map(e -> format.format(e, context, Map.of())).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Stops the heartbeat and gives the libraries' log back to stderr. */
    @Override
    public synchronized void close() {
        stopHeartbeat();
        LibraryLog.routeTo(null);
    }
}
