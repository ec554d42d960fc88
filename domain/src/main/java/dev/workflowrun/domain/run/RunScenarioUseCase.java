package dev.workflowrun.domain.run;

import dev.workflowrun.domain.signal.Cancellation;

/** In-port: run a scenario end to end (the seven operations). Never throws; the result says how it went. */
public interface RunScenarioUseCase {

    /** Starts the run now, by the use case's own clock. */
    RunResult run(RunScenarioCommand command, Cancellation cancellation, RunEventListener listener);

    /** Runs from a start the caller made ({@link RunState#plan}), so the caller knows the run's bundle location too. */
    RunResult run(RunState.Planned planned, Cancellation cancellation, RunEventListener listener);
}
