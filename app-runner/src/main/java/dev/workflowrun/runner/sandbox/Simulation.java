package dev.workflowrun.runner.sandbox;

import dev.workflowrun.domain.manifest.WorkflowSpec;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.testkit.TaskScript;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code --simulate=<task>=<behaviour>} asks of the simulated controller. */
public final class Simulation {

    private static final Pattern EXIT = Pattern.compile("exit:(\\d{1,3})");
    /** How long a simulated task runs when it is not told otherwise. */
    public static final Duration TASK_DURATION = Duration.ofMinutes(1);

    private Simulation() {
    }

    /**
     * {@code exit:N} (runs a minute, exits N), {@code never-start} (the pod waits in ImagePullBackOff
     * until its deadline), {@code overrun} (runs far past every deadline).
     */
    public static TaskScript script(String task, String behaviour) {
        Matcher exit = EXIT.matcher(behaviour);
        if (exit.matches()) {
            int code = Integer.parseInt(exit.group(1));
            if (code > 255) {
                throw new IllegalArgumentException("--simulate " + task + "=" + behaviour + ": an exit code is 0 to 255");
            }
            return TaskScript.exits(code, TASK_DURATION).withLogs(task + ": simulated exit " + code);
        }
        return switch (behaviour) {
            case "never-start" -> TaskScript.neverStarts("ImagePullBackOff");
            case "overrun" -> TaskScript.passes(Duration.ofDays(1)).withLogs(task + ": simulated overrun");
            case "pass" -> TaskScript.passes(TASK_DURATION).withLogs(task + ": simulated pass");
            default -> throw new IllegalArgumentException("--simulate " + task + "=" + behaviour
                    + " is not a behaviour; use exit:<code>, never-start, overrun or pass, e.g. --simulate=run-release-test=exit:1");
        };
    }

    /** {@code --simulate=overrun}, with no task: the run overruns the runner's own deadlines ({@link Overrun}). */
    public static final String OVERRUN = "overrun";

    /**
     * What {@code --simulate=overrun} means for one scenario: the Task with the longest own deadline runs
     * past every deadline, and unless {@code --soft-deadline}/{@code --hard-deadline} say otherwise the
     * runner's deadlines come first: the hard one at two thirds of the earliest a deadline of the
     * Workflow's own can fire (that Task's deadline, or any Serial's or Parallel's), the soft one at
     * half of that. So the run shows the soft warning, then the hard-deadline abort, exit 3.
     * Durations are simulated time (the sandbox divides them by {@code --speed}).
     */
    public record Overrun(String task, Duration soft, Duration hard) {
    }

    public static Optional<Overrun> overrun(Map<String, String> simulate, WorkflowSpec workflow) {
        if (!simulate.containsKey(OVERRUN) || !simulate.get(OVERRUN).isEmpty()) {
            return Optional.empty();
        }
        WorkflowTemplate task = workflow.templates().stream().filter(WorkflowTemplate::isTask).filter(t -> t.deadline().isPresent())
                .max(Comparator.comparing(t -> t.deadline().get()))
                .orElseThrow(() -> new IllegalArgumentException("--simulate=overrun: the scenario has no Task with a deadline to overrun"));
        Duration earliest = workflow.templates().stream().filter(t -> !t.isTask() || t == task).flatMap(t -> t.deadline().stream())
                .min(Comparator.naturalOrder()).orElseThrow();
        Duration hard = roundDown(earliest.multipliedBy(2).dividedBy(3));
        return Optional.of(new Overrun(task.name(), roundDown(hard.dividedBy(2)), hard));
    }

    /** {@code --simulate} per Task: {@code overrun} on its own becomes {@code <the task it picks>=overrun}. */
    public static Map<String, String> perTask(Map<String, String> simulate, Optional<Overrun> overrun) {
        Map<String, String> perTask = new LinkedHashMap<>(simulate);
        overrun.ifPresent(o -> {
            perTask.remove(OVERRUN);
            perTask.putIfAbsent(o.task(), OVERRUN);
        });
        return perTask;
    }

    /** Whole minutes from two minutes up, whole seconds below: numbers a person reads at a glance. */
    private static Duration roundDown(Duration d) {
        return d.compareTo(Duration.ofMinutes(2)) >= 0 ? Duration.ofMinutes(d.toMinutes()) : Duration.ofSeconds(Math.max(1, d.toSeconds()));
    }

    /** The scripts of every Task in {@code tasks}: as {@code simulate} says, else {@code pass} (which prints a line, for --follow-logs). */
    public static Map<String, TaskScript> scripts(Map<String, String> simulate, java.util.List<String> tasks) {
        Map<String, String> all = new LinkedHashMap<>();
        tasks.forEach(t -> all.put(t, "pass"));
        all.putAll(simulate);
        return scripts(all);
    }

    public static Map<String, TaskScript> scripts(Map<String, String> simulate) {
        Map<String, TaskScript> scripts = new LinkedHashMap<>();
        simulate.forEach((task, behaviour) -> scripts.put(task, script(task, behaviour)));
        return scripts;
    }
}
