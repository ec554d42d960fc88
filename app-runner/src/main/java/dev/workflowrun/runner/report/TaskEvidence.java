package dev.workflowrun.runner.report;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.BundleKeys;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.report.RunRecord;
import dev.workflowrun.domain.report.TaskResult;
import dev.workflowrun.domain.report.TaskResult.Status;
import dev.workflowrun.domain.run.RunResult;
import dev.workflowrun.domain.text.Scrubber;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Task of the run with what the capture says about it: its result, the node and pod it ran in,
 * and the tail of its log. {@code index.html} and {@code junit.xml} are both made from these, and
 * {@code run.json} lists their results, so the three never disagree.
 */
record TaskEvidence(TaskResult result, Optional<CapturedTree.Node> node, Optional<CapturedTree.Pod> pod,
                    Optional<CapturedTree.Container> container, Optional<String> logFile, List<String> logTail) {

    static final int LOG_TAIL_LINES = 40;

    TaskEvidence {
        logTail = List.copyOf(logTail);
    }

    /** Every Task the Workflow ran, then every planned Task that never ran, sorted by name. */
    static List<TaskEvidence> of(RunRecord record, CapturedTree tree) {
        RunResult run = record.result();
        Scrubber scrubber = record.scrubber();
        Map<String, BundleFile> files = new LinkedHashMap<>();
        run.snapshot().ifPresent(s -> s.files().forEach(f -> files.put(f.name(), f)));
        List<CapturedTree.Node> tasks = tree.nodes().stream().filter(CapturedTree.Node::isTask).toList();
        Map<String, Long> perTemplate = new LinkedHashMap<>();
        tasks.forEach(t -> perTemplate.merge(t.template(), 1L, Long::sum));
        List<TaskEvidence> all = new ArrayList<>();
        for (CapturedTree.Node node : tasks) {
            String name = perTemplate.get(node.template()) > 1 ? node.template() + " (" + node.name() + ")" : node.template();
            all.add(ran(name, node, run, files, scrubber));
        }
        for (String planned : record.checks().tasks()) {
            if (!perTemplate.containsKey(planned)) {
                all.add(new TaskEvidence(new TaskResult(planned, Status.SKIPPED, Optional.empty(), Optional.empty(), neverRan(run)),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of()));
            }
        }
        all.sort(Comparator.comparing(e -> e.result().name()));
        return List.copyOf(all);
    }

    private static String neverRan(RunResult run) {
        return run.applied() ? "never ran: the Workflow ended before it reached this Task" : "never ran: nothing was applied";
    }

    private static TaskEvidence ran(String name, CapturedTree.Node node, RunResult run, Map<String, BundleFile> files, Scrubber scrubber) {
        Optional<CapturedTree.Pod> pod = node.lastPod();
        Optional<CapturedTree.Container> container = pod.flatMap(CapturedTree.Pod::mainContainer);
        Optional<Integer> exit = container.flatMap(CapturedTree.Container::exitCode);
        boolean decided = run.decidingTask().filter(node.template()::equals).isPresent();
        Outcome outcome = run.outcome().orElse(Outcome.INFRA_FAILED);
        Status status;
        String message;
        if (exit.isPresent() && exit.get() == 0) {
            status = Status.PASSED;
            message = "";
        } else if (exit.isPresent()) {
            status = decided && outcome == Outcome.INFRA_FAILED ? Status.ERROR : Status.FAILED;
            message = "exit code " + exit.get() + reason(container.get().reason());
        } else if (container.filter(c -> c.state().equals("waiting")).isPresent()) {
            status = Status.ERROR;
            CapturedTree.Container c = container.get();
            message = "its container never started" + reason(c.reason()) + (c.message().isEmpty() ? "" : ": " + c.message())
                    + (node.deadlineExceeded() ? "; then its deadline passed" : "");
        } else if (node.deadlineExceeded()) {
            status = decided && outcome == Outcome.INFRA_FAILED ? Status.ERROR : Status.FAILED;
            message = "its deadline passed before it finished (NodeDeadlineExceed)";
        } else if (container.filter(c -> c.state().equals("running")).isPresent()) {
            status = outcome == Outcome.TIMED_OUT ? Status.FAILED : Status.ERROR;
            message = "still running when the run ended " + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        } else if (pod.isPresent()) {
            status = Status.ERROR;
            message = "pod " + pod.get().name() + " " + pod.get().phase() + reason(pod.get().reason()) + ", no container exit code";
        } else if (decided) {
            status = Status.ERROR;
            message = run.reason();
        } else {
            status = Status.SKIPPED;
            message = node.aborted() ? "never ran: the Workflow was aborted" : "never ran: no pod was created for it";
        }
        Optional<Duration> duration = between(container.flatMap(CapturedTree.Container::startedAt).or(node::startTime),
                container.flatMap(CapturedTree.Container::finishedAt).or(node::endTime));
        Optional<String> logFile = pod.flatMap(p -> container.map(c -> "logs/" + BundleKeys.segment(p.name()) + "/" + BundleKeys.segment(c.name()) + ".log"))
                .filter(files::containsKey);
        List<String> tail = logFile.map(f -> tail(files.get(f), scrubber)).orElse(List.of());
        return new TaskEvidence(new TaskResult(name, status, exit, duration, scrubber.scrub(message)), Optional.of(node), pod, container, logFile, tail);
    }

    private static String reason(String reason) {
        return reason.isEmpty() ? "" : " (" + reason + ")";
    }

    private static Optional<Duration> between(Optional<Instant> start, Optional<Instant> end) {
        if (start.isEmpty() || end.isEmpty() || end.get().isBefore(start.get())) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(start.get(), end.get()));
    }

    private static List<String> tail(BundleFile file, Scrubber scrubber) {
        try (InputStream in = file.content().open()) {
            List<String> lines = scrubber.scrub(new String(in.readAllBytes(), StandardCharsets.UTF_8)).lines().toList();
            return lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.name() + ": " + e.getMessage(), e);
        }
    }
}
