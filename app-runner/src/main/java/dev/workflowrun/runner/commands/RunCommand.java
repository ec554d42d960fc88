package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.flags.ClusterFlags;
import dev.workflowrun.runner.flags.Converters;
import dev.workflowrun.runner.flags.StructuredOutput;
import dev.workflowrun.runner.flags.GitFlags;
import dev.workflowrun.runner.flags.OutputFlags;
import dev.workflowrun.runner.flags.ScenarioOptions;
import dev.workflowrun.runner.flags.StoreFlags;
import dev.workflowrun.runner.flags.UsageException;
import dev.workflowrun.runner.execution.RunExecution;
import dev.workflowrun.runner.secrets.GitTokenSecret;
import dev.workflowrun.runner.secrets.ScrubbingPrintWriter;
import dev.workflowrun.domain.run.RenderResult;
import dev.workflowrun.domain.run.RunResult;
import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.domain.run.RunState;
import dev.workflowrun.domain.variables.GoDuration;
import dev.workflowrun.runner.progress.LiveProgress;
import dev.workflowrun.runner.progress.Summary;
import dev.workflowrun.runner.signals.SignalHandling;
import dev.workflowrun.runner.wiring.ClusterAccess;
import dev.workflowrun.runner.wiring.Environment;
import dev.workflowrun.runner.wiring.RenderComponent;
import dev.workflowrun.runner.wiring.RunComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.inject.Inject;
import javax.inject.Provider;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** The seven operations: fetch, render, verify, apply, wait, capture, clean up, publish. */
@Command(name = "run", header = "Run a scenario end to end and publish what happened.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a scenario end to end: fetch it at a git ref, render it with its typed",
                "variables, check drift, apply the Workflow (or adopt it on a retry), wait within",
                "the soft and hard deadlines, capture the terminal state, abort/delete/sweep, and",
                "publish the bundle. 'run' is the default command:",
                "  workflow-run --scenario=release-test --scenario-repo=github.com/org/repo \\",
                "      --scenario-ref=<sha> --bucket=my-results --var=SEID_IMAGE=ghcr.io/org/seid:v1 ...",
                ""})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenario;

    @Mixin
    StoreFlags store;

    @Mixin
    ClusterFlags cluster;

    @Mixin
    OutputFlags output;

    @Option(names = "--dry-run", order = 60, description = "Fetch, render, lint and check drift, print what would be applied, and stop.")
    boolean dryRun;

    @Option(names = "--signal-grace", paramLabel = "<duration>", order = 61, defaultValue = "75s", converter = Converters.GoDurationConverter.class,
            description = "After SIGTERM/SIGINT, how long abort, capture, cleanup and publication may take before the runner exits 4"
                    + " anyway. Keep it under the pod's terminationGracePeriodSeconds. Default: ${DEFAULT-VALUE}.")
    Duration signalGrace;

    @Option(names = "--cleanup-bound", paramLabel = "<duration>", order = 62, defaultValue = "45s", converter = Converters.GoDurationConverter.class,
            description = "How long the Workflow's delete, and then the sweep of leftovers, may wait. Must be shorter than"
                    + " --signal-grace. Default: ${DEFAULT-VALUE}.")
    Duration cleanupBound;

    @Inject
    Environment environment;

    @Inject
    SignalHandling signals;

    @Inject
    Provider<RunComponent.Builder> runs;

    @Inject
    Provider<RenderComponent.Builder> renders;

    @Override
    public Integer call() {
        dev.workflowrun.domain.text.Scrubber gitToken = GitTokenSecret.scrubber(GitFlags.config(scenario));
        PrintWriter out = ScrubbingPrintWriter.wrap(spec.commandLine().getOut(), gitToken);
        PrintWriter err = spec.commandLine().getErr();
        if (cleanupBound.compareTo(signalGrace) >= 0) {
            throw new UsageException("--cleanup-bound " + GoDuration.format(cleanupBound) + " must be shorter than --signal-grace "
                    + GoDuration.format(signalGrace) + ", or a SIGTERM could not finish cleanup in time; e.g. --cleanup-bound=15s --signal-grace=25s");
        }
        cluster.validate();
        RunScenarioCommand command = scenario.toCommand(cluster.namespaceFrom(environment), cleanupBound);
        LiveProgress progress = new LiveProgress(output.logFormat(), err, environment.clock())
                .forRun(command.runId().value(), command.scenario()).heartbeat(output.heartbeat());
        progress.scrubWith(gitToken);
        if (dryRun) {
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
