package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.flags.GitFlags;
import dev.workflowrun.runner.flags.ScenarioOptions;
import dev.workflowrun.domain.run.RenderResult;
import dev.workflowrun.domain.run.RunEventListener;
import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.runner.progress.EventFormat;
import dev.workflowrun.runner.progress.LiveProgress;
import dev.workflowrun.runner.wiring.Environment;
import dev.workflowrun.runner.wiring.RenderComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import javax.inject.Inject;
import javax.inject.Provider;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** Fetch, render and validate a scenario, print the manifest; touches no cluster and no bucket. */
@Command(name = "render", header = "Print the manifest run would apply; touch no cluster.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fetch the scenario at its ref, check the variables, render, lint and check drift,",
                "then print the manifest that 'run' would apply. Touches no cluster and no bucket.", ""})
public final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions scenario;

    @Option(names = "--log-format", paramLabel = "text|json", defaultValue = "text", order = 50,
            description = "Progress on stderr: text or JSON lines. Default: ${DEFAULT-VALUE}.")
    EventFormat logFormat;

    @Option(names = {"-q", "--quiet"}, order = 51, description = "No progress on stderr, only the manifest on stdout.")
    boolean quiet;

    @Inject
    Environment environment;

    @Inject
    Provider<RenderComponent.Builder> renders;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunScenarioCommand command = scenario.toCommand(environment, RunScenarioCommand.DEFAULT_CLEANUP_BOUND);
        RunEventListener listener = quiet ? RunEventListener.NONE : new LiveProgress(logFormat, err, environment.clock());
        RenderResult result = renders.get().git(GitFlags.config(scenario)).pinning(scenario.pinning()).build().useCase().render(command, listener);
        out.print(result.renderedYaml());
        if (!result.renderedYaml().endsWith("\n")) {
            out.println();
        }
        out.flush();
        return 0;
    }
}
