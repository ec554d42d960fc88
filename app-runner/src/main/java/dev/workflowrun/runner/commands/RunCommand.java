package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.execution.RunInvocation;
import dev.workflowrun.runner.flags.ClusterFlags;
import dev.workflowrun.runner.flags.Converters;
import dev.workflowrun.runner.flags.OutputFlags;
import dev.workflowrun.runner.flags.ScenarioOptions;
import dev.workflowrun.runner.flags.StoreFlags;
import dev.workflowrun.runner.signals.SignalHandling;
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
        return new RunInvocation(environment, signals, runs, renders).run(new RunInvocation.Request(scenario, store, cluster, output, dryRun,
                signalGrace, cleanupBound), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
