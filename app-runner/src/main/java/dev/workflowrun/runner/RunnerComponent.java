package dev.workflowrun.runner;

import dagger.BindsInstance;
import dagger.Component;
import dev.workflowrun.runner.commands.LintCommand;
import dev.workflowrun.runner.commands.RenderCommand;
import dev.workflowrun.runner.commands.RunCommand;
import dev.workflowrun.runner.commands.SandboxCommand;
import dev.workflowrun.runner.commands.VerifyCommand;
import dev.workflowrun.runner.signals.ProcessExit;
import dev.workflowrun.runner.signals.SignalHandling;
import dev.workflowrun.runner.wiring.Environment;

import javax.inject.Singleton;

/**
 * The application: what the commands are given once picocli has parsed them and they are about to
 * run, and the per-run components they build. Built only then: {@code --help} and {@code --version}
 * never build it.
 */
@Singleton
@Component(modules = CommandsModule.class)
public interface RunnerComponent {

    Environment environment();

    /** The process's signal handling, installed by {@code main} before anything else. */
    SignalHandling signals();

    void inject(RunCommand command);

    void inject(RenderCommand command);

    void inject(VerifyCommand command);

    void inject(LintCommand command);

    void inject(SandboxCommand command);

    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder environment(Environment environment);

        @BindsInstance
        Builder exit(ProcessExit exit);

        RunnerComponent build();
    }
}
