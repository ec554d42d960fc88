package dev.workflowrun.runner.progress;

import dev.workflowrun.domain.cluster.Progress;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.run.RunEvent;
import dev.workflowrun.domain.run.RunEventListener;
import dev.workflowrun.domain.run.RunJournal;
import dev.workflowrun.domain.json.JsonText;
import dev.workflowrun.domain.variables.GoDuration;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Live progress on stderr: each state change with its timestamp, and while waiting, a line
 * whenever the picture changes (nodes finished of total, the running task, elapsed against the
 * soft and hard deadlines). In {@code json} form every line is one JSON object for log
 * aggregators. The same formatter writes {@code orchestrator.log} ({@link #orchestratorLog}), so
 * what the bundle keeps is what the operator saw.
 */
public final class LiveProgress implements RunEventListener {


    private final EventFormat format;
    private dev.workflowrun.domain.text.Scrubber scrubber = dev.workflowrun.domain.text.Scrubber.none();
    private final PrintWriter err;
    private final Clock clock;
    private final List<String> lines = new ArrayList<>();
    private Instant waitingSince;
    private Optional<String> soft = Optional.empty();
    private Optional<String> hard = Optional.empty();
    private Progress last;

    public LiveProgress(EventFormat format, PrintWriter err, Clock clock) {
        this.format = format;
        this.err = err;
        this.clock = clock;
    }

    @Override
    public synchronized void onEvent(RunEvent event) {
        emit(format.format(event));
    }

    /** A retried API request, with its cause: shown as it happens, so a run that waits says why. */
    public void clusterNotice(String notice) {
        onEvent(new RunEvent(clock.instant(), "Cluster", RunEvent.Level.WARN, notice));
    }

    @Override
    public synchronized void onWaiting(Deadlines deadlines, Instant appliedAt) {
        soft = Optional.of(GoDuration.format(deadlines.soft()));
        hard = Optional.of(GoDuration.format(deadlines.hard()));
        waitingSince = appliedAt;
    }

    @Override
    public synchronized void onProgress(Progress progress) {
        if (progress.equals(last)) {
            return;
        }
        last = progress;
        Instant now = clock.instant();
        Duration elapsed = waitingSince == null ? Duration.ZERO : Duration.between(waitingSince, now);
        if (format == EventFormat.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", now.toString());
            m.put("level", "INFO");
            m.put("state", "Waiting");
            m.put("nodesFinished", progress.nodesFinished());
            m.put("nodesTotal", progress.nodesTotal());
            m.put("runningTask", progress.runningTask());
            m.put("elapsed", GoDuration.format(elapsed.withNanos(0)));
            m.put("softDeadline", soft);
            m.put("hardDeadline", hard);
            emit(JsonText.write(m));
        } else {
            emit(now + " INFO  [Waiting] " + progress.nodesFinished() + "/" + progress.nodesTotal() + " nodes finished"
                    + progress.runningTask().map(t -> ", running " + t).orElse("")
                    + "; elapsed " + GoDuration.format(elapsed.withNanos(0))
                    + soft.map(s -> " of soft " + s).orElse("") + hard.map(h -> ", hard " + h).orElse(""));
        }
    }

    /** Secrets only the application knows (the git token), kept out of stderr as the run keeps its own out of its events. */
    public synchronized void scrubWith(dev.workflowrun.domain.text.Scrubber more) {
        scrubber = scrubber.and(more);
    }

    private void emit(String raw) {
        String line = scrubber.scrub(raw);
        lines.add(line);
        err.println(line);
        err.flush();
    }

    /** What has been printed so far, for a local flush when the process must exit before publishing. */
    public synchronized List<String> linesSoFar() {
        return List.copyOf(lines);
    }

    /** {@code orchestrator.log}: the run's journal in this listener's format. */
    public String orchestratorLog(RunJournal journal) {
        return format.log(journal);
    }
}
