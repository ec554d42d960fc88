package dev.workflowrun.runner;

import dev.workflowrun.runner.wiring.Environment;
import dagger.BindsInstance;
import dagger.Component;
import dev.workflowrun.runner.signals.ProcessExit;

import javax.inject.Singleton;

/** The application: the picocli commands, built by Dagger, and the per-run components they build after parsing. */
@Singleton
@Component(modules = CommandsModule.class)
public interface RunnerComponent {

    CommandFactory commandFactory();

    Environment environment();

    /** The process's signal handling, installed by {@code main} before anything else. */
    dev.workflowrun.runner.signals.SignalHandling signals();

    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder environment(Environment environment);

        @BindsInstance
        Builder exit(ProcessExit exit);

        RunnerComponent build();
    }
}
