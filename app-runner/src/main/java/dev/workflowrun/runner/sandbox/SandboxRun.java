package dev.workflowrun.runner.sandbox;

import dev.workflowrun.runner.flags.Converters;
import dev.workflowrun.runner.flags.StructuredOutput;
import dev.workflowrun.runner.flags.OutputFlags;
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
import dev.workflowrun.domain.variables.Pinning;
import dev.workflowrun.domain.variables.RunId;
import dev.workflowrun.runner.execution.RunExecution;
import dev.workflowrun.runner.progress.LiveProgress;
import dev.workflowrun.runner.progress.Summary;
import dev.workflowrun.runner.signals.SignalHandling;
import dev.workflowrun.runner.wiring.ClusterAccess;
import dev.workflowrun.runner.wiring.Environment;
import dev.workflowrun.runner.wiring.RunComponent;
import dev.workflowrun.runner.wiring.StoreTarget;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import dev.workflowrun.testkit.TaskScript;

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

/**
 * One {@code sandbox} run, as the command's options ask: the example scenario served from a local git repository, an
 * embedded API server with the simulated Chaos Mesh controller, the real run use case, and the summary with what the
 * namespace holds afterwards. The signal scope covers the start-up too, and the scratch directory is removed either way.
 */
public final class SandboxRun {

    /** The sandbox's options, as parsed. */
    public record Options(String scenario, Map<String, String> simulate, double speed, Path runsDir, Optional<Path> examples,
                          Map<String, String> vars, Optional<String> runId, String runIdVar, String namespaceVar,
                          Optional<Duration> softDeadline, Optional<Duration> hardDeadline, OutputFlags output, Pinning pinning) {
    }

    private static final String NAMESPACE = "sandbox";

    private final Environment environment;
    private final SignalHandling signals;
    private final Provider<RunComponent.Builder> runs;

    public SandboxRun(Environment environment, SignalHandling signals, Provider<RunComponent.Builder> runs) {
        this.environment = environment;
        this.signals = signals;
        this.runs = runs;
    }

    /** Runs the sandbox as {@code options} say; the exit code is the run's (or 4 when a signal stops the start-up). */
    @SuppressWarnings("try") // the simulator runs by itself until closed
    public int run(Options o, PrintWriter out, PrintWriter err) throws IOException {
        if (!(o.speed() > 0) || o.speed() > 100_000) {
            throw new UsageException("--speed " + o.speed() + " must be above 0 and at most 100000; e.g. --speed=600");
        }
        Map<String, String> scenarios = SandboxSetup.examples(o.examples());
        String template = Optional.ofNullable(scenarios.get(o.scenario())).orElseThrow(() -> new UsageException(
                "there is no example scenario '" + Printable.of(o.scenario()) + "'; choose one of " + String.join(", ", scenarios.keySet())));
        WorkflowSpec workflow = SandboxSetup.workflowSpec(template, o.examples(), o.scenario());
        Map<String, TaskScript> scripts = SandboxSetup.scripts(workflow, o.simulate(), o.scenario());
        Optional<RunId> id = runId(o);
        Path runs = o.runsDir().isAbsolute() ? o.runsDir() : environment.workingDirectory().resolve(o.runsDir());
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
            return runWithin(o, cancellation, scratchDir, flush, noticeTarget, scenarios, template, workflow, scripts, id, runs, out, err);
        } finally {
            Optional.ofNullable(scratchDir.get()).ifPresent(SandboxSetup::deleteRecursively);
        }
    }

    @SuppressWarnings("try") // the simulator runs by itself until closed
    private int runWithin(Options o, Cancellation cancellation, java.util.concurrent.atomic.AtomicReference<Path> scratchDir,
                          java.util.concurrent.atomic.AtomicReference<Runnable> flush,
                          java.util.concurrent.atomic.AtomicReference<PrintWriter> noticeTarget, Map<String, String> scenarios, String template,
                          WorkflowSpec workflow, Map<String, TaskScript> scripts, Optional<RunId> id, Path runs, PrintWriter out, PrintWriter err)
            throws IOException {
        Path scratch = Files.createTempDirectory("workflow-run-sandbox-");
        scratchDir.set(scratch);
        {
            ScenarioRepository repo = ScenarioRepository.create(scratch.resolve("sei-k8s-controller"), scenarios, SandboxSetup.runnerRbac());
            RunScenarioCommand command = command(o, repo, template, workflow, id);
            if (cancellation.isCancelled()) {
                err.println("sandbox: " + cancellation.reason().orElse("cancelled") + " during start-up; nothing was started");
                err.flush();
                return dev.workflowrun.domain.run.ExitCode.INTERRUPTED.code();
            }
            LiveProgress progress = new LiveProgress(o.output().logFormat(), err, environment.clock())
                    .forRun(command.runId().value(), o.scenario()).heartbeat(o.output().heartbeat());
            PrintWriter notices = progress.notices(err, dev.workflowrun.domain.run.RunEvent.Level.INFO);
            noticeTarget.set(progress.notices(err));
            notices.println("sandbox: scenario " + o.scenario() + " from " + repo.url() + " at " + repo.ref() + " = commit " + repo.commit());
            notices.println("sandbox: embedded Kubernetes API, simulated Chaos Mesh at " + GoDuration.format(Duration.ofSeconds(Math.round(o.speed())))
                    + " of simulated time per second; deadlines " + command.softDeadline().map(GoDuration::format).orElse("?") + " soft, "
                    + command.hardDeadline().map(GoDuration::format).orElse("?") + " hard (scaled)");
            notices.flush();
            try (progress;
                 MockCluster cluster = MockCluster.start();
                 SimulatedChaosMesh chaos = SandboxSetup.simulator(cluster, scripts, o.speed(), NAMESPACE);
                 ClusterAccess access = ClusterAccess.from(cluster::newClient)) {
                RunComponent component = this.runs.get()
                        .git(GitSourceConfig.defaults())
                        .pinning(o.pinning())
                        .cluster(access)
                        .clusterOptions(ClusterOptions.defaults())
                        .store(new StoreTarget(runs.toString(), S3StoreConfig.forBucket("local-directory"), runs.resolve("fallback")))
                        .progress(progress)
                        .build();
                RunState.Planned planned = RunState.plan(command, environment.clock().instant());
                flush.set(() -> RunExecution.flushLocally(planned, progress, runs.resolve("fallback"), err));
                RunResult result = component.useCase().run(planned, cancellation, o.output().followLogs().listener(progress, access, command));
                progress.finished(result);
                Leftovers left = Leftovers.in(cluster.client(), NAMESPACE, command.workflowName());
                if (o.output().output().structured()) {
                    StructuredOutput.write(o.output().output(), Summary.model(result), out);
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

    private static Optional<RunId> runId(Options o) {
        try {
            return o.runId().map(RunId::new);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--run-id: " + e.getMessage());
        }
    }

    private RunScenarioCommand command(Options o, ScenarioRepository repo, String template, WorkflowSpec workflow, Optional<RunId> given) {
        Map<String, String> variables = new java.util.LinkedHashMap<>(SandboxVariables.derive(template, repo.commit(), o.runIdVar(), o.namespaceVar()));
        variables.putAll(o.vars());
        RunId id = given.orElseGet(() -> RunIds.defaultFor(o.scenario(), Map.of(), environment.clock().instant()));
        // The simulated controller runs `speed` times faster than the wall clock; so must the runner's deadlines.
        Duration entry = workflow.entryDeadline().orElse(Duration.ofMinutes(60));
        Optional<Simulation.Overrun> overrun = SandboxSetup.overrun(workflow, o.simulate());
        Duration soft = scaled(o, o.softDeadline().or(() -> overrun.map(Simulation.Overrun::soft)).orElse(entry));
        Duration hard = scaled(o, o.hardDeadline().or(() -> overrun.map(Simulation.Overrun::hard)).orElse(entry.plus(Deadlines.DEFAULT_HARD_MARGIN)));
        if (hard.compareTo(soft) <= 0) {
            throw new UsageException("--hard-deadline must be later than --soft-deadline; e.g. --soft-deadline=10m --hard-deadline=20m");
        }
        List<DriftRule> drift = new ArrayList<>();
        if (variables.containsKey("SEITASK_IMAGE")) {
            drift.add(new RefImageRule("SEITASK_IMAGE"));
        }
        ScenarioRef ref = new ScenarioRef(repo.url(), repo.ref(), "scenarios/" + o.scenario() + ".yaml");
        try {
            return new RunScenarioCommand(o.scenario(), ref, id, NAMESPACE, variables, Optional.of(soft), Optional.of(hard), drift,
                    "sandbox/{scenario}/{runId}/", CaptureOptions.DEFAULT, Duration.ofSeconds(45), o.runIdVar(), o.namespaceVar());
        } catch (IllegalArgumentException e) {
            throw new UsageException((o.runId().isPresent() ? "--run-id: " : "") + e.getMessage());
        }
    }

    private static Duration scaled(Options o, Duration simulated) {
        long millis = Math.max(1000, Math.round(simulated.toMillis() / o.speed()));
        return Duration.ofMillis(millis);
    }
}
