package dev.workflowrun.domain.run;

import dev.workflowrun.domain.signal.Cancellation;

/** In-port: run a scenario end to end (the seven operations). Never throws; the result says how it went. */
public interface RunScenarioUseCase {

    RunResult run(RunScenarioCommand command, Cancellation cancellation, RunEventListener listener);
}
