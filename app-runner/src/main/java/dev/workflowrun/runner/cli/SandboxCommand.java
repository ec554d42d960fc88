package dev.workflowrun.runner.cli;

import dev.workflowrun.runner.wiring.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import javax.inject.Inject;
import java.util.concurrent.Callable;

@Command(name = "sandbox", mixinStandardHelpOptions = true)
public final class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Environment environment;

    @Inject
    SandboxCommand(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        return environment == null ? 2 : 2;
    }
}
