package dev.workflowrun.runner.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The example scenarios the sandbox runs: the repository's {@code examples/scenarios/<name>/workflow.yaml},
 * from a directory when given (to try an edited scenario), otherwise the copy built into the jar.
 */
public final class ExampleScenarios {

    /** The scenarios the project ships, in the order the docs list them. */
    public static final List<String> SHIPPED = List.of("release-test", "load-test", "major-upgrade");

    private ExampleScenarios() {
    }

    /** Scenario name → template text. */
    public static Map<String, String> load(Optional<Path> examplesDir) {
        Map<String, String> found = new LinkedHashMap<>();
        if (examplesDir.isPresent()) {
            Path scenarios = examplesDir.get().resolve("scenarios");
            try (var dirs = Files.list(scenarios)) {
                for (Path dir : dirs.sorted().toList()) {
                    Path workflow = dir.resolve("workflow.yaml");
                    if (Files.isRegularFile(workflow)) {
                        found.put(dir.getFileName().toString(), Files.readString(workflow));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the example scenarios under " + scenarios, e);
            }
            return found;
        }
        for (String name : SHIPPED) {
            try (InputStream in = ExampleScenarios.class.getResourceAsStream("scenarios/" + name + "/workflow.yaml")) {
                if (in != null) {
                    found.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the built-in example scenario " + name, e);
            }
        }
        return found;
    }
}
