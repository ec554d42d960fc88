package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.flags.OutputFlags;
import dev.workflowrun.runner.flags.PinningFlag;
import dev.workflowrun.runner.flags.SandboxFlags;
import dev.workflowrun.runner.sandbox.SandboxRun;
import dev.workflowrun.runner.signals.SignalHandling;
import dev.workflowrun.runner.wiring.Environment;
import dev.workflowrun.runner.wiring.RunComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import javax.inject.Inject;
import javax.inject.Provider;
import java.io.IOException;
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

    @Spec
    CommandSpec spec;

    @Mixin
    SandboxFlags sandbox;

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
    public Integer call() throws IOException {
        return new SandboxRun(environment, signals, runs).run(new SandboxRun.Options(sandbox.scenario(), sandbox.simulate(), sandbox.speed(),
                sandbox.runsDir(), sandbox.examples(), sandbox.vars(), sandbox.runId(), sandbox.runIdVar(), sandbox.namespaceVar(),
                sandbox.softDeadline(), sandbox.hardDeadline(), output, pinning.pinning()), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
