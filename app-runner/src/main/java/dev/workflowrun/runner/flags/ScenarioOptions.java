package dev.workflowrun.runner.flags;

import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.variables.PlaceholderRole;
import dev.workflowrun.domain.variables.RunId;
import dev.workflowrun.domain.variables.VariableType;
import dev.workflowrun.runner.wiring.Environment;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What to run: the scenario, where it lives, the run's identity, its variables and deadlines. Shared by run and render. */
public final class ScenarioOptions {

    @Mixin
    DriftFlags drift = new DriftFlags();

    /** {@code --pinned}, for the lint rules of the run. */
    public dev.workflowrun.domain.variables.Pinning pinning() {
        return drift.pinning();
    }

    @Option(names = "--scenario", required = true, paramLabel = "<name>", order = 1,
            description = "Scenario name, a DNS-1123 label, e.g. release-test. The Workflow is named <name>-<run id>.")
    String scenario;

    @Option(names = "--scenario-repo", required = true, paramLabel = "<repository>", order = 2,
            description = "Git repository holding the scenario: github.com/owner/repo (https), https://, ssh://, git://, file:// or a path.")
    String repository;

    @Option(names = "--scenario-ref", required = true, paramLabel = "<ref>", order = 3,
            description = "Branch (refs/heads/main), tag or commit SHA of the scenario. A full SHA cannot move.")
    String ref;

    @Option(names = "--scenario-path", paramLabel = "<path>", defaultValue = "scenarios/{scenario}.yaml", order = 4,
            description = "Path of the scenario file in the repository; {scenario} is replaced. Default: ${DEFAULT-VALUE}.")
    String path;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>", order = 5,
            description = "Namespace of the Workflow. Default: the pod's own namespace in a cluster, else the kubeconfig's, else 'default'.")
    Optional<String> namespace;

    @Option(names = "--run-id", paramLabel = "<id>", order = 6,
            description = "Run id, a DNS-1123 label. Default: from the Job's name (so a retry adopts the same Workflow), else generated.")
    Optional<String> runId;

    @Option(names = "--run-id-var", paramLabel = "NAME", order = 6,
            description = "The placeholder --run-id fills, e.g. RUN_ID. Default: the one the scenario's header marks (run-id),"
                    + " else SEI_WORKFLOW_RUN_ID.")
    Optional<String> runIdVar;

    @Option(names = "--namespace-var", paramLabel = "NAME", order = 6,
            description = "The placeholder --namespace fills, e.g. NS. Default: the one the scenario's header marks (namespace),"
                    + " else SEI_NAMESPACE.")
    Optional<String> namespaceVar;

    @Option(names = "--var", paramLabel = "NAME=VALUE", order = 7, mapFallbackValue = "",
            description = "Value of a placeholder the scenario declares. Repeatable. Secret values go in --var-file.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--var-file", paramLabel = "<file>", order = 8,
            description = "File of NAME=VALUE lines (e.g. a mounted Secret), or - for standard input; the place for secret-typed values."
                    + " Only regular files are read. Repeatable.")
    List<Path> varFiles = new ArrayList<>();

    @Option(names = "--soft-deadline", paramLabel = "<duration>", order = 9, converter = Converters.GoDurationConverter.class,
            description = "Warn once when the Workflow runs longer than this (e.g. 60m). Default: the scenario's entry deadline.")
    Optional<Duration> softDeadline;

    @Option(names = "--hard-deadline", paramLabel = "<duration>", order = 10, converter = Converters.GoDurationConverter.class,
            description = "Abort the Workflow after this (e.g. 70m). Default: the entry deadline plus 10m.")
    Optional<Duration> hardDeadline;

    @Option(names = "--key-prefix", paramLabel = "<template>", order = 11, defaultValue = BundleLocation.DEFAULT_TEMPLATE,
            description = "Bundle key prefix; {scenario}, {runId} and {date} are replaced. Default: ${DEFAULT-VALUE}.")
    String keyPrefix;

    @Option(names = "--capture-log-lines", paramLabel = "<n>", order = 12, defaultValue = "200",
            description = "Lines of each Task container's log kept in the bundle (0 to keep none). Default: ${DEFAULT-VALUE}.")
    int captureLogLines;

    @Mixin
    GitFlags git = new GitFlags();

    public String scenario() {
        return scenario;
    }

    public GitFlags git() {
        return git;
    }

    /** The {@code --var-file} paths; {@code verify} reads CronJobs at build time, when these files do not exist yet. */
    public List<Path> varFiles() {
        return List.copyOf(varFiles);
    }

    /** Forgets the {@code --var-file} paths (build-time verification cannot read them). */
    public void dropVarFiles() {
        varFiles.clear();
    }

    /** The validated command; every mistake is a {@link UsageException} naming the flag and the fix. */
    public RunScenarioCommand toCommand(Environment env, Duration cleanupBound) {
        try {
            RunId.requireDnsLabel("--scenario", scenario);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage() + "; e.g. --scenario=release-test");
        }
        ScenarioRef scenarioRef;
        try {
            scenarioRef = new ScenarioRef(repository, ref, path.replace("{scenario}", scenario));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String ns = namespace.or(env::currentNamespace).orElse("default");
        RunId id;
        try {
            id = runId.map(RunId::new).orElseGet(() -> RunIds.defaultFor(scenario, env.variables(), env.clock().instant()));
            id.workflowName(scenario);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--run-id: " + e.getMessage());
        }
        CaptureOptions capture;
        try {
            capture = new CaptureOptions(captureLogLines, CaptureOptions.DEFAULT.logBytesPerContainer());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        try {
            return new RunScenarioCommand(scenario, scenarioRef, id, ns, variables(), softDeadline, hardDeadline,
                    drift.rules(env.workingDirectory()), keyPrefix,
                    capture, cleanupBound, roleVariable(runIdVar, PlaceholderRole.RUN_ID), roleVariable(namespaceVar, PlaceholderRole.NAMESPACE));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().replace("the namespace", "--namespace");
            throw new UsageException(message.startsWith("the key prefix template") ? "--key-prefix: " + message : message);
        }
    }

    /** The placeholder a role flag names, checked; the default name when the flag is absent. */
    private String roleVariable(Optional<String> flag, PlaceholderRole role) {
        String name = flag.orElse(role.defaultVariable());
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new UsageException(role.variableFlag() + " '" + name + "' is not a placeholder name; write it without '$', e.g. "
                    + role.variableFlag() + "=" + (role == PlaceholderRole.RUN_ID ? "RUN_ID" : "NS"));
        }
        if (flag.isPresent() && vars.containsKey(name)) {
            throw new UsageException("--var " + name + " gives a value to the placeholder " + role.variableFlag() + " names, which "
                    + role.valueFlag() + " fills; drop the --var and pass " + role.valueFlag() + "=<value>");
        }
        return name;
    }

    /** --var and --var-file merged; a name given twice is refused rather than silently overridden. */
    Map<String, String> variables() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : vars.entrySet()) {
            if (VariableType.inferFromName(e.getKey()) == VariableType.SECRET) {
                // The command line of a process is readable by anyone on the node (ps, /proc, the pod spec).
                throw new UsageException("--var " + e.getKey() + " looks like a secret; a secret on the command line is visible to"
                        + " anyone who can list processes. Put " + e.getKey() + "=<value> in a file and pass --var-file=<file>");
            }
            all.put(e.getKey(), e.getValue());
        }
        for (Path file : varFiles) {
            for (Map.Entry<String, String> e : VarFile.read(file).entrySet()) {
                if (all.containsKey(e.getKey())) {
                    throw new UsageException(e.getKey() + " is set both by --var (or an earlier --var-file) and by --var-file " + file
                            + "; set it once");
                }
                all.put(e.getKey(), e.getValue());
            }
        }
        return all;
    }
}
