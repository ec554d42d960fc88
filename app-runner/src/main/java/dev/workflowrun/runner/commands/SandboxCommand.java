package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.flags.Converters;
import dev.workflowrun.runner.flags.StructuredOutput;
import dev.workflowrun.runner.flags.OutputFlags;
import dev.workflowrun.runner.flags.PinningFlag;
import dev.workflowrun.runner.flags.RunIds;
import dev.workflowrun.runner.flags.UsageException;
import dev.workflowrun.adapters.git.GitSourceConfig;
import dev.workflowrun.adapters.k8s.ClusterOptions;
import dev.workflowrun.adapters.s3.S3StoreConfig;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.drift.DriftRule;
import dev.workflowrun.domain.drift.RefImageRule;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.domain.text.Printable;
import dev.workflowrun.domain.manifest.WorkflowSpec;
import dev.workflowrun.domain.run.RunResult;
import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.domain.run.RunState;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.variables.GoDuration;
import dev.workflowrun.domain.variables.RunId;
import dev.workflowrun.runner.progress.LiveProgress;
import dev.workflowrun.runner.progress.Summary;
import dev.workflowrun.runner.sandbox.Leftovers;
import dev.workflowrun.runner.sandbox.SandboxVariables;
import dev.workflowrun.runner.sandbox.ScenarioRepository;
import dev.workflowrun.runner.sandbox.SandboxSetup;
import dev.workflowrun.runner.sandbox.Simulation;
import dev.workflowrun.runner.signals.SignalHandling;
import dev.workflowrun.runner.wiring.ClusterAccess;
import dev.workflowrun.runner.wiring.Environment;
import dev.workflowrun.runner.wiring.RunComponent;
import dev.workflowrun.runner.wiring.StoreTarget;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.inject.Inject;
import javax.inject.Provider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The whole pipeline in one process, with no cluster: a newcomer's first command. */
@Command(name = "sandbox", header = "Watch a whole run against an embedded cluster.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an example scenario through the real pipeline with no cluster and no network:",
                "an embedded Kubernetes API server (fabric8's mock, CRUD mode) driven by a simulated",
                "Chaos Mesh controller, the examples served as a real git repository (file://), and",
                "a bucket in a local directory (./runs).",
                "Examples:",
                "  workflow-run sandbox",
                "  workflow-run sandbox --simulate=run-release-test=exit:1",
                "  workflow-run sandbox --scenario=load-test --simulate=run-seiload=overrun --speed=600",
                "  workflow-run sandbox --simulate=overrun --speed=600",
                "  workflow-run sandbox --simulate=run-release-test=overrun --soft-deadline=10m --hard-deadline=20m --speed=600", ""})
public final class SandboxCommand implements Callable<Integer> {

    private static final String NAMESPACE = "sandbox";

    @Spec
    CommandSpec spec;

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
    Map<String, String> vars = new java.util.LinkedHashMap<>();

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

    @Mixin
    OutputFlags output;

    @Mixin
    PinningFlag pinning;

    @Inject
    Environment environment;

    @Inject
    SignalHandling signals;

    @Inject
    Provider<RunComponent.Builder> runs;

    @Override
    @SuppressWarnings("try") // the simulator runs by itself until closed
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(speed > 0) || speed > 100_000) {
            throw new UsageException("--speed " + speed + " must be above 0 and at most 100000; e.g. --speed=600");
        }
        Map<String, String> scenarios = SandboxSetup.examples(examples);
        String template = Optional.ofNullable(scenarios.get(scenario)).orElseThrow(() -> new UsageException(
                "there is no example scenario '" + Printable.of(scenario) + "'; choose one of " + String.join(", ", scenarios.keySet())));
        WorkflowSpec workflow = SandboxSetup.workflowSpec(template, examples, scenario);
        Map<String, TaskScript> scripts = SandboxSetup.scripts(workflow, simulate, scenario);
        Optional<RunId> id = runId();
        Path runs = runsDir.isAbsolute() ? runsDir : environment.workingDirectory().resolve(runsDir);
        // One signal scope from before the temporary directory exists until the summary is out: a SIGTERM during start-up
        // stops the sandbox with exit 4 and removes the directory; one after the run keeps the run's exit code.
        Cancellation cancellation = new Cancellation();
        java.util.concurrent.atomic.AtomicReference<Path> scratchDir = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Runnable> flush = new java.util.concurrent.atomic.AtomicReference<>(() -> { });
        Runnable forced = () -> {
            flush.get().run();
            Optional.ofNullable(scratchDir.get()).ifPresent(SandboxSetup::deleteRecursively);
        };
        // Signal notices go to stderr as they are until the run's progress exists, then through it (JSON in JSON mode).
        java.util.concurrent.atomic.AtomicReference<PrintWriter> noticeTarget = new java.util.concurrent.atomic.AtomicReference<>(err);
        PrintWriter signalNotices = new PrintWriter(new java.io.Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                noticeTarget.get().write(buf, off, len);
            }

            @Override
            public void flush() {
                noticeTarget.get().flush();
            }

            @Override
            public void close() {
                flush();
            }
        }, true);
        try (SignalHandling.Scope scope = signals.watch(cancellation, SignalHandling.DEFAULT_GRACE, forced, signalNotices)) {
            return runWithin(cancellation, scratchDir, flush, noticeTarget, scenarios, template, workflow, scripts, id, runs, out, err);
        } finally {
            Optional.ofNullable(scratchDir.get()).ifPresent(SandboxSetup::deleteRecursively);
        }
    }

    @SuppressWarnings("try") // the simulator runs by itself until closed
    private int runWithin(Cancellation cancellation, java.util.concurrent.atomic.AtomicReference<Path> scratchDir,
                          java.util.concurrent.atomic.AtomicReference<Runnable> flush,
                          java.util.concurrent.atomic.AtomicReference<PrintWriter> noticeTarget, Map<String, String> scenarios, String template,
                          WorkflowSpec workflow, Map<String, TaskScript> scripts, Optional<RunId> id, Path runs, PrintWriter out, PrintWriter err)
            throws IOException {
        Path scratch = Files.createTempDirectory("workflow-run-sandbox-");
        scratchDir.set(scratch);
        {
            ScenarioRepository repo = ScenarioRepository.create(scratch.resolve("sei-k8s-controller"), scenarios, SandboxSetup.runnerRbac());
            RunScenarioCommand command = command(repo, template, workflow, id);
            if (cancellation.isCancelled()) {
                err.println("sandbox: " + cancellation.reason().orElse("cancelled") + " during start-up; nothing was started");
                err.flush();
                return dev.workflowrun.domain.run.ExitCode.INTERRUPTED.code();
            }
            LiveProgress progress = new LiveProgress(output.logFormat(), err, environment.clock())
                    .forRun(command.runId().value(), scenario).heartbeat(output.heartbeat());
            PrintWriter notices = progress.notices(err, dev.workflowrun.domain.run.RunEvent.Level.INFO);
            noticeTarget.set(progress.notices(err));
            notices.println("sandbox: scenario " + scenario + " from " + repo.url() + " at " + repo.ref() + " = commit " + repo.commit());
            notices.println("sandbox: embedded Kubernetes API, simulated Chaos Mesh at " + GoDuration.format(Duration.ofSeconds(Math.round(speed)))
                    + " of simulated time per second; deadlines " + command.softDeadline().map(GoDuration::format).orElse("?") + " soft, "
                    + command.hardDeadline().map(GoDuration::format).orElse("?") + " hard (scaled)");
            notices.flush();
            try (progress;
                 MockCluster cluster = MockCluster.start();
                 SimulatedChaosMesh chaos = SandboxSetup.simulator(cluster, scripts, speed, NAMESPACE);
                 ClusterAccess access = ClusterAccess.from(cluster::newClient)) {
                RunComponent component = this.runs.get()
                        .git(GitSourceConfig.defaults())
                        .pinning(pinning.pinning())
                        .cluster(access)
                        .clusterOptions(ClusterOptions.defaults())
                        .store(new StoreTarget(runs.toString(), S3StoreConfig.forBucket("local-directory"), runs.resolve("fallback")))
                        .progress(progress)
                        .build();
                RunState.Planned planned = RunState.plan(command, environment.clock().instant());
                flush.set(() -> RunExecution.flushLocally(planned, progress, runs.resolve("fallback"), err));
                RunResult result = component.useCase().run(planned, cancellation, output.followLogs().listener(progress, access, command));
                progress.finished(result);
                Leftovers left = Leftovers.in(cluster.client(), NAMESPACE, command.workflowName());
                if (output.output().structured()) {
                    StructuredOutput.write(output.output(), Summary.model(result), out);
                } else {
                    Summary.text(result, out);
                    out.println("  namespace  " + NAMESPACE + " holds " + left + " of this run afterwards");
                    result.published().ifPresent(p -> out.println("  look at    ls " + p.uri().replaceFirst("^file:(//)?", "")));
                    result.published().ifPresent(p -> out.println("  report     " + Path.of(p.uri().replaceFirst("^file:(//)?", ""))
                            .resolve(dev.workflowrun.runner.report.BundleReports.PAGE).toUri()));
                }
                out.flush();
                return result.exitCode().code();
            }
        }
    }

    private Optional<RunId> runId() {
        try {
            return runId.map(RunId::new);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--run-id: " + e.getMessage());
        }
    }

    private RunScenarioCommand command(ScenarioRepository repo, String template, WorkflowSpec workflow, Optional<RunId> given) {
        Map<String, String> variables = new java.util.LinkedHashMap<>(SandboxVariables.derive(template, repo.commit(), runIdVar, namespaceVar));
        variables.putAll(vars);
        RunId id = given.orElseGet(() -> RunIds.defaultFor(scenario, Map.of(), environment.clock().instant()));
        // The simulated controller runs `speed` times faster than the wall clock; so must the runner's deadlines.
        Duration entry = workflow.entryDeadline().orElse(Duration.ofMinutes(60));
        Optional<Simulation.Overrun> overrun = SandboxSetup.overrun(workflow, simulate);
        Duration soft = scaled(softDeadline.or(() -> overrun.map(Simulation.Overrun::soft)).orElse(entry));
        Duration hard = scaled(hardDeadline.or(() -> overrun.map(Simulation.Overrun::hard)).orElse(entry.plus(Deadlines.DEFAULT_HARD_MARGIN)));
        if (hard.compareTo(soft) <= 0) {
            throw new UsageException("--hard-deadline must be later than --soft-deadline; e.g. --soft-deadline=10m --hard-deadline=20m");
        }
        List<DriftRule> drift = new ArrayList<>();
        if (variables.containsKey("SEITASK_IMAGE")) {
            drift.add(new RefImageRule("SEITASK_IMAGE"));
        }
        ScenarioRef ref = new ScenarioRef(repo.url(), repo.ref(), "scenarios/" + scenario + ".yaml");
        try {
            return new RunScenarioCommand(scenario, ref, id, NAMESPACE, variables, Optional.of(soft), Optional.of(hard), drift,
                    "sandbox/{scenario}/{runId}/", CaptureOptions.DEFAULT, Duration.ofSeconds(45), runIdVar, namespaceVar);
        } catch (IllegalArgumentException e) {
            throw new UsageException((runId.isPresent() ? "--run-id: " : "") + e.getMessage());
        }
    }

    private Duration scaled(Duration simulated) {
        long millis = Math.max(1000, Math.round(simulated.toMillis() / speed));
        return Duration.ofMillis(millis);
    }
}
