package dev.workflowrun.runner;

import dev.workflowrun.runner.wiring.RenderComponent;
import dev.workflowrun.runner.wiring.RunComponent;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dev.workflowrun.runner.commands.RenderCommand;
import dev.workflowrun.runner.commands.RunCommand;
import dev.workflowrun.runner.commands.SandboxCommand;
import dev.workflowrun.runner.signals.ProcessExit;
import dev.workflowrun.runner.commands.LintCommand;
import dev.workflowrun.runner.commands.VerifyCommand;
import dev.workflowrun.runner.signals.SignalHandling;

import javax.inject.Singleton;

/** The subcommands that need more than picocli gives them, and what they share. */
@Module(subcomponents = {RunComponent.class, RenderComponent.class})
public interface CommandsModule {

    @Binds
    @IntoMap
    @ClassKey(RunCommand.class)
    Object run(RunCommand command);

    @Binds
    @IntoMap
    @ClassKey(RenderCommand.class)
    Object render(RenderCommand command);

    @Binds
    @IntoMap
    @ClassKey(VerifyCommand.class)
    Object verify(VerifyCommand command);

    @Binds
    @IntoMap
    @ClassKey(LintCommand.class)
    Object lint(LintCommand command);

    @Binds
    @IntoMap
    @ClassKey(SandboxCommand.class)
    Object sandbox(SandboxCommand command);

    @Provides
    @Singleton
    static SignalHandling signals(ProcessExit exit) {
        return new SignalHandling(exit);
    }
}
