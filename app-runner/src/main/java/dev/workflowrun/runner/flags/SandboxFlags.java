package dev.workflowrun.runner.flags;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code sandbox} command's own options: which example, how its Tasks misbehave, how fast simulated time runs. */
public final class SandboxFlags {

    @Option(names = "--scenario", paramLabel = "<name>", defaultValue = "release-test", order = 1,
            description = "Example scenario: release-test, load-test or major-upgrade. Default: ${DEFAULT-VALUE}.")
    String scenario;

    @Option(names = "--simulate", paramLabel = "<task>=<behaviour>|overrun", order = 2, mapFallbackValue = "",
            description = "Make a Task misbehave: exit:<code>, never-start, overrun (runs past its own deadline) or pass. Repeatable."
                    + " Other Tasks pass after one simulated minute. 'overrun' on its own: the longest Task overruns and the soft"
                    + " and hard deadlines (unless given) come before any deadline of the Workflow's own, to watch the soft warning"
                    + " and then the hard-deadline abort.")
    Map<String, String> simulate = new LinkedHashMap<>();

    @Option(names = "--speed", paramLabel = "<factor>", defaultValue = "60", order = 3,
            description = "Simulated seconds per real second; deadlines scale with it. Default: ${DEFAULT-VALUE} (a simulated minute a second).")
    double speed;

    @Option(names = "--runs-dir", paramLabel = "<dir>", defaultValue = "runs", order = 4,
            description = "The local 'bucket' the bundle is published to. Default: ./${DEFAULT-VALUE}.")
    Path runsDir;

    @Option(names = "--examples", paramLabel = "<dir>", order = 5,
            description = "An examples directory (with scenarios/<name>/workflow.yaml) to use instead of the built-in copy.")
    Optional<Path> examples;

    @Option(names = "--var", paramLabel = "NAME=VALUE", order = 9, mapFallbackValue = "",
            description = "A value of your own instead of the one the sandbox makes up (e.g. a secret-typed placeholder, to watch it"
                    + " kept out of every file and line). Repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--run-id", paramLabel = "<id>", order = 6, description = "Run id. Default: generated.")
    Optional<String> runId;

    @Option(names = "--run-id-var", paramLabel = "NAME", order = 7, defaultValue = "SEI_WORKFLOW_RUN_ID",
            description = "The placeholder the run id fills, when the scenario's header marks none (run-id). Default: ${DEFAULT-VALUE}.")
    String runIdVar;

    @Option(names = "--namespace-var", paramLabel = "NAME", order = 8, defaultValue = "SEI_NAMESPACE",
            description = "The placeholder the namespace fills, when the scenario's header marks none (namespace). Default: ${DEFAULT-VALUE}.")
    String namespaceVar;

    @Option(names = "--soft-deadline", paramLabel = "<duration>", order = 10, converter = Converters.GoDurationConverter.class,
            description = "Simulated soft deadline (scaled by --speed). Default: the scenario's entry deadline. Set it below a Task's own"
                    + " deadline to watch the soft warning and then the hard-deadline abort, e.g. --soft-deadline=10m --hard-deadline=20m.")
    Optional<Duration> softDeadline;

    @Option(names = "--hard-deadline", paramLabel = "<duration>", order = 11, converter = Converters.GoDurationConverter.class,
            description = "Simulated hard deadline (scaled by --speed). Default: the entry deadline plus 10m.")
    Optional<Duration> hardDeadline;

    public String scenario() {
        return scenario;
    }

    public Map<String, String> simulate() {
        return simulate;
    }

    public double speed() {
        return speed;
    }

    public Path runsDir() {
        return runsDir;
    }

    public Optional<Path> examples() {
        return examples;
    }

    public Map<String, String> vars() {
        return vars;
    }

    public Optional<String> runId() {
        return runId;
    }

    public String runIdVar() {
        return runIdVar;
    }

    public String namespaceVar() {
        return namespaceVar;
    }

    public Optional<Duration> softDeadline() {
        return softDeadline;
    }

    public Optional<Duration> hardDeadline() {
        return hardDeadline;
    }
}
