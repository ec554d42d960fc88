package dev.workflowrun.runner.wiring;

import dagger.Module;
import dagger.Provides;
import dev.workflowrun.adapters.git.GitScenarioSources;
import dev.workflowrun.adapters.git.GitSourceConfig;
import dev.workflowrun.domain.scenario.FetchScenarioPort;

/** Scenario source → JGit. */
@Module
public interface GitModule {

    @Provides
    static FetchScenarioPort source(GitSourceConfig config, Environment environment) {
        // Tokens are read from the environment the component was given, never from a flag value.
        return GitScenarioSources.create(config, name -> environment.variables().get(name));
    }
}
