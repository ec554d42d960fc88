package dev.workflowrun.runner.sandbox;

import dev.workflowrun.testkit.TaskScript;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
            case "pass" -> TaskScript.passes(TASK_DURATION);
            default -> throw new IllegalArgumentException("--simulate " + task + "=" + behaviour
                    + " is not a behaviour; use exit:<code>, never-start, overrun or pass, e.g. --simulate=run-release-test=exit:1");
        };
    }

    public static Map<String, TaskScript> scripts(Map<String, String> simulate) {
        Map<String, TaskScript> scripts = new LinkedHashMap<>();
        simulate.forEach((task, behaviour) -> scripts.put(task, script(task, behaviour)));
        return scripts;
    }
}
