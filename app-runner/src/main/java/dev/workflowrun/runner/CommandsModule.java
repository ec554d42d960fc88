package dev.workflowrun.runner;

import dagger.Module;
import dagger.Provides;
import dev.workflowrun.runner.signals.ProcessExit;
import dev.workflowrun.runner.signals.SignalHandling;
import dev.workflowrun.runner.wiring.RenderComponent;
import dev.workflowrun.runner.wiring.RunComponent;

import javax.inject.Singleton;

/** What the commands share: the per-run components they build after parsing, and the process's signal handling. */
@Module(subcomponents = {RunComponent.class, RenderComponent.class})
public interface CommandsModule {

    @Provides
    @Singleton
    static SignalHandling signals(ProcessExit exit) {
        return new SignalHandling(exit);
    }
}
