package dev.workflowrun.runner;

import dev.workflowrun.runner.commands.LintCommand;
import dev.workflowrun.runner.commands.RenderCommand;
import dev.workflowrun.runner.commands.RunCommand;
import dev.workflowrun.runner.commands.SandboxCommand;
import dev.workflowrun.runner.commands.VerifyCommand;
import picocli.CommandLine;

import java.util.function.Supplier;

/**
 * picocli's execution strategy with Dagger behind it: a help or version request is answered from
 * the parsed model alone; any other command gets its collaborators injected just before it runs,
 * so the application component is built only when a command does work.
 */
final class CommandInjection implements CommandLine.IExecutionStrategy {

    private final Supplier<RunnerComponent> component;

    CommandInjection(Supplier<RunnerComponent> component) {
        this.component = component;
    }

    @Override
    public int execute(CommandLine.ParseResult parseResult) {
        Integer help = CommandLine.executeHelpRequest(parseResult);
        if (help != null) {
            return help;
        }
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            inject(p.commandSpec().userObject());
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    private void inject(Object command) {
        if (command instanceof RunCommand c) {
            component.get().inject(c);
        } else if (command instanceof RenderCommand c) {
            component.get().inject(c);
        } else if (command instanceof VerifyCommand c) {
            component.get().inject(c);
        } else if (command instanceof LintCommand c) {
            component.get().inject(c);
        } else if (command instanceof SandboxCommand c) {
            component.get().inject(c);
        }
    }
}
