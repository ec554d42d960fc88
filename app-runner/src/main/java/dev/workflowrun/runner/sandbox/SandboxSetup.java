package dev.workflowrun.runner.sandbox;

import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.domain.manifest.ManifestException;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.WorkflowSpec;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.text.Printable;
import dev.workflowrun.runner.flags.UsageException;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** What {@code workflow-run sandbox} sets up before its run: the example scenarios, their Workflow, the simulated controller. */
public final class SandboxSetup {

    private SandboxSetup() {
    }

    /** The examples to run, from --examples or the built-in copy; a directory that cannot serve is a usage error. */
    public static Map<String, String> examples(Optional<Path> examples) {
        String shown = examples.map(p -> Printable.of(p.toString())).orElse("");
        Map<String, String> scenarios;
        try {
            scenarios = ExampleScenarios.load(examples);
        } catch (UncheckedIOException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof java.nio.charset.CharacterCodingException ? "a workflow.yaml there is not UTF-8 text"
                    : cause instanceof java.nio.file.NoSuchFileException ? "it does not exist"
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + Printable.of(cause.getMessage()));
            throw new UsageException("--examples " + shown + ": cannot read its scenarios (" + why
                    + "); give a directory holding scenarios/<name>/workflow.yaml, e.g. --examples=examples");
        }
        if (scenarios.isEmpty()) {
            throw new UsageException("--examples " + shown + " holds no scenarios/<name>/workflow.yaml; give the examples directory of the repository,"
                    + " e.g. --examples=examples");
        }
        return scenarios;
    }

    /** The scenario's Workflow spec; a file the sandbox cannot run is a usage error saying which. */
    public static WorkflowSpec workflowSpec(String template, Optional<Path> examples, String scenario) {
        String where = examples.map(p -> "--examples " + Printable.of(p.toString()) + ": ").orElse("") + "scenarios/" + Printable.of(scenario)
                + "/workflow.yaml";
        ParsedManifest parsed;
        try {
            parsed = KubernetesAdapters.manifestReader().read(template);
        } catch (ManifestException | IllegalArgumentException e) {
            throw new UsageException(where + " is not a manifest the sandbox can run: " + Printable.of(String.valueOf(e.getMessage()))
                    + "; fix the file or drop --examples to use the built-in copy");
        }
        return parsed.workflowSpec().orElseThrow(() -> new UsageException(where + " holds no Workflow spec; a scenario holds exactly one Workflow"));
    }

    /**
     * The script of every Task: as {@code --simulate} asks ({@code overrun} on its own picks the Task, see
     * {@link #overrun}), else a pass that prints a line; each Task named must be one the scenario has.
     */
    public static Map<String, TaskScript> scripts(WorkflowSpec workflow, Map<String, String> simulate, String scenario) {
        List<String> tasks = workflow.templates().stream().filter(t -> t.templateType().equals("Task")).map(WorkflowTemplate::name).toList();
        Map<String, String> perTask = Simulation.perTask(simulate, overrun(workflow, simulate));
        for (String task : perTask.keySet()) {
            if (!tasks.contains(task)) {
                throw new UsageException("--simulate: " + scenario + " has no Task '" + task + "'; its Tasks are " + String.join(", ", tasks));
            }
        }
        try {
            return Simulation.scripts(perTask, tasks);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code --simulate=overrun} on its own: the Task that overruns and the deadlines that then come first. */
    public static Optional<Simulation.Overrun> overrun(WorkflowSpec workflow, Map<String, String> simulate) {
        try {
            return Simulation.overrun(simulate, workflow);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The simulated controller at {@code speed} times the wall clock, every Task passing unless scripted. */
    public static SimulatedChaosMesh simulator(MockCluster cluster, Map<String, TaskScript> scripts, double speed, String namespace) {
        SimulatedChaosMesh.Builder builder = SimulatedChaosMesh.builder(cluster).speed(speed).namespace(namespace)
                .defaultScript(TaskScript.passes(Simulation.TASK_DURATION));
        scripts.forEach(builder::script);
        return builder.start();
    }

    /** The vendored runner Role the scenario's commit carries, as in the controller repository. */
    public static String runnerRbac() {
        try (var in = SandboxSetup.class.getResourceAsStream("/dev/workflowrun/runner/sandbox/runner-rbac.yaml")) {
            return in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the sandbox's temporary directory; what cannot be removed the OS cleans eventually. */
    public static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary directory; the OS cleans it eventually.
        }
    }
}
