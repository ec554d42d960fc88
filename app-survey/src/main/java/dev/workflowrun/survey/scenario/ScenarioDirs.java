package dev.workflowrun.survey.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the scenario directories: an argument that holds {@code workflow.yaml} or {@code wrapper.sh}
 * is one scenario; any other directory is a parent whose sub-directories are scenarios.
 * {@code NAME=DIR} overrides the name.
 */
public final class ScenarioDirs {

    public static final String WORKFLOW = "workflow.yaml";
    public static final String WRAPPER = "wrapper.sh";
    public static final String CRONJOB = "cronjob.yaml";

    private ScenarioDirs() {
    }

    public static List<ScenarioDir> discover(List<String> arguments) {
        Map<String, ScenarioDir> found = new LinkedHashMap<>();
        for (String argument : arguments) {
            String override = null;
            String pathText = argument;
            int eq = argument.indexOf('=');
            if (eq > 0 && !Files.exists(Path.of(argument))) {
                override = argument.substring(0, eq);
                pathText = argument.substring(eq + 1);
            }
            Path path = Path.of(pathText);
            if (!Files.isDirectory(path)) {
                throw new SurveyInputException(pathText + ": no such directory; pass a scenario directory (holding "
                        + WORKFLOW + " and " + WRAPPER + ") or a directory of them");
            }
            List<Path> dirs = isScenario(path) ? List.of(path) : children(path);
            if (dirs.isEmpty()) {
                throw new SurveyInputException(pathText + ": holds no scenario (no sub-directory with " + WORKFLOW + " or "
                        + WRAPPER + "); point at a scenario directory or at its parent");
            }
            if (override != null && dirs.size() > 1) {
                throw new SurveyInputException(argument + ": a name override needs one scenario directory, but " + pathText
                        + " holds " + dirs.size());
            }
            for (Path dir : dirs) {
                String name = override != null ? override : dir.toAbsolutePath().normalize().getFileName().toString();
                ScenarioDir previous = found.put(name, new ScenarioDir(name, dir));
                if (previous != null) {
                    throw new SurveyInputException("two scenarios are named '" + name + "' (" + previous.dir() + " and " + dir
                            + "); rename one directory or pass NAME=DIR to give it another name");
                }
            }
        }
        List<ScenarioDir> sorted = new ArrayList<>(found.values());
        sorted.sort(java.util.Comparator.comparing(ScenarioDir::name));
        return sorted;
    }

    private static boolean isScenario(Path dir) {
        return Files.exists(dir.resolve(WORKFLOW)) || Files.exists(dir.resolve(WRAPPER));
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(ScenarioDirs::isScenario).sorted().toList();
        } catch (IOException e) {
            throw new SurveyInputException(dir + ": cannot list the directory (" + e.getMessage() + ")", e);
        }
    }

    /** Wrappers, Workflows and CronJobs are a few kilobytes; anything past this is a mistake, not a scenario. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    /** Reads a required file of a scenario, naming it in the error when it is missing or unreadable. */
    public static String read(ScenarioDir scenario, String file) {
        Path p = scenario.dir().resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new SurveyInputException(scenario.name() + ": " + p + " is missing; every scenario directory needs "
                    + WORKFLOW + " and " + WRAPPER + " (" + CRONJOB + " is optional)");
        }
        try {
            long size = Files.size(p);
            if (size > MAX_FILE_BYTES) {
                throw new SurveyInputException(scenario.name() + ": " + p + " is " + size + " bytes; a scenario file may have at most "
                        + MAX_FILE_BYTES + " (1 MiB). Is it the right file?");
            }
            return Files.readString(p);
        } catch (IOException e) {
            throw new SurveyInputException(scenario.name() + ": cannot read " + p + " (" + e.getMessage()
                    + "); check its permissions and that it is UTF-8 text", e);
        }
    }
}
