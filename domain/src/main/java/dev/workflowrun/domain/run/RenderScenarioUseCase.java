package dev.workflowrun.domain.run;

/** In-port: fetch, render, lint and check drift without touching a cluster (dry run, {@code render}, {@code verify}). */
public interface RenderScenarioUseCase {

    /** @throws RunRejected when a step refuses; its exit code says whether it was usage (64) or infra (2) */
    RenderResult render(RunScenarioCommand command, RunEventListener listener);
}
