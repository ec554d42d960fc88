package dev.workflowrun.domain.scenario;

/** Out-port: fetch a scenario (and extra files) at one commit. */
public interface FetchScenarioPort {

    /**
     * @throws ScenarioFetchException when the repository, the ref or a path cannot be had;
     *     its message names the input and says what to do, and never contains a credential.
     */
    ResolvedScenario fetch(FetchRequest request);
}
