package dev.workflowrun.runner.execution;

import dev.workflowrun.domain.run.RenderResult;
import dev.workflowrun.domain.run.RunResult;
import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.domain.run.RunState;
import dev.workflowrun.domain.text.Scrubber;
import dev.workflowrun.domain.variables.GoDuration;
import dev.workflowrun.runner.flags.ClusterFlags;
import dev.workflowrun.runner.flags.GitFlags;
import dev.workflowrun.runner.flags.OutputFlags;
import dev.workflowrun.runner.flags.ScenarioOptions;
import dev.workflowrun.runner.flags.StoreFlags;
import dev.workflowrun.runner.flags.StructuredOutput;
import dev.workflowrun.runner.flags.UsageException;
import dev.workflowrun.runner.progress.LiveProgress;
import dev.workflowrun.runner.progress.Summary;
import dev.workflowrun.runner.secrets.GitTokenSecret;
import dev.workflowrun.runner.secrets.ScrubbingPrintWriter;
import dev.workflowrun.runner.signals.SignalHandling;
import dev.workflowrun.runner.wiring.ClusterAccess;
import dev.workflowrun.runner.wiring.Environment;
import dev.workflowrun.runner.wiring.RenderComponent;
import dev.workflowrun.runner.wiring.RunComponent;

import javax.inject.Provider;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * One invocation of {@code run}: the flags checked against one another, the run command made, and then either the plan
 * printed ({@code --dry-run}) or the run executed under signal handling and its summary printed. The git token is kept
 * out of everything printed.
 */
public final class RunInvocation {

    /** The {@code run} command's options, as parsed. */
    public record Request(ScenarioOptions scenario, StoreFlags store, ClusterFlags cluster, OutputFlags output, boolean dryRun,
                          Duration signalGrace, Duration cleanupBound) {
    }

    private final Environment environment;
    private final SignalHandling signals;
    private final Provider<RunComponent.Builder> runs;
    private final Provider<RenderComponent.Builder> renders;

    public RunInvocation(Environment environment, SignalHandling signals, Provider<RunComponent.Builder> runs,
                         Provider<RenderComponent.Builder> renders) {
        this.environment = environment;
        this.signals = signals;
        this.runs = runs;
        this.renders = renders;
    }

    /** The run's exit code, or 0 after a dry run; a usage error is thrown. */
    public int run(Request request, PrintWriter rawOut, PrintWriter err) {
        ScenarioOptions scenario = request.scenario();
        ClusterFlags cluster = request.cluster();
        StoreFlags store = request.store();
        OutputFlags output = request.output();
        Duration cleanupBound = request.cleanupBound();
        Duration signalGrace = request.signalGrace();
        Scrubber gitToken = GitTokenSecret.scrubber(GitFlags.config(scenario));
        PrintWriter out = ScrubbingPrintWriter.wrap(rawOut, gitToken);
        if (cleanupBound.compareTo(signalGrace) >= 0) {
            throw new UsageException("--cleanup-bound " + GoDuration.format(cleanupBound) + " must be shorter than --signal-grace "
                    + GoDuration.format(signalGrace) + ", or a SIGTERM could not finish cleanup in time; e.g. --cleanup-bound=15s --signal-grace=25s");
        }
        cluster.validate();
        RunScenarioCommand command = scenario.toCommand(cluster.namespaceFrom(environment), cleanupBound);
        LiveProgress progress = new LiveProgress(output.logFormat(), err, environment.clock())
                .forRun(command.runId().value(), command.scenario()).heartbeat(output.heartbeat());
        progress.scrubWith(gitToken);
        if (request.dryRun()) {
            try (progress) {
                RenderResult plan = renders.get().git(GitFlags.config(scenario)).pinning(scenario.pinning()).build().useCase().render(command, progress);
                PlanPrinter.print(plan, output.output(), out);
                return 0;
            }
        }
        store.fallbackDir();
        store.notices().forEach(n -> err.println("workflow-run: " + n));
        try (progress; ClusterAccess access = cluster.access()) {
            RunComponent component = runs.get()
                    .git(GitFlags.config(scenario))
                    .pinning(scenario.pinning())
                    .cluster(access)
                    .clusterOptions(cluster.options().withRetryNotices(progress::clusterNotice))
                    .store(store.target())
                    .progress(progress)
                    .build();
            RunState.Planned planned = RunState.plan(command, environment.clock().instant());
            RunResult result = RunExecution.execute(component.useCase(), planned, progress,
                    output.followLogs().listener(progress, access, command), signals, signalGrace, store.fallbackDir(), err);
            if (output.output().structured()) {
                StructuredOutput.write(output.output(), Summary.model(result), out);
            } else {
                Summary.text(result, out);
                Summary.fallbackEcho(result, out);
            }
            return result.exitCode().code();
        }
    }
}
