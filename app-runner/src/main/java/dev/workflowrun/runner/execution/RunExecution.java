package dev.workflowrun.runner.execution;

import dev.workflowrun.domain.run.RunEventListener;
import dev.workflowrun.domain.run.RunResult;
import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.domain.run.RunScenarioUseCase;
import dev.workflowrun.domain.run.RunState;
import dev.workflowrun.domain.signal.Cancellation;
import dev.workflowrun.runner.progress.LiveProgress;
import dev.workflowrun.runner.signals.SignalHandling;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** One run under signal handling: the part {@code run} and {@code sandbox} share. */
public final class RunExecution {

    private RunExecution() {
    }

    @SuppressWarnings("try") // the scope is held only to be closed when the run returns
    public static RunResult execute(RunScenarioUseCase useCase, RunState.Planned planned, LiveProgress progress, RunEventListener listener,
                             SignalHandling signals, Duration grace, Path fallbackDir, PrintWriter err) {
        Cancellation cancellation = new Cancellation();
        PrintWriter notices = progress.notices(err);
        Runnable localFlush = () -> flushLocally(planned, progress, fallbackDir, notices);
        RunResult result;
        try (SignalHandling.Scope scope = signals.watch(cancellation, grace, localFlush, notices)) {
            result = useCase.run(planned, cancellation, listener);
        }
        progress.finished(result);
        return result;
    }

    /**
     * On a forced exit the use case has not published: keep at least what was printed, where the fallback would have gone,
     * under the run's own location (fixed when the run started, so a run that crosses midnight keeps one date).
     */
    public static void flushLocally(RunState.Planned planned, LiveProgress progress, Path fallbackDir, PrintWriter err) {
        RunScenarioCommand command = planned.command();
        Path dir = fallbackDir.resolve(planned.location().prefix());
        try {
            Files.createDirectories(dir);
            Path log = dir.resolve("orchestrator.log");
            Files.write(log, progress.linesSoFar(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("INCOMPLETE"), "The runner was forced to exit before capture, cleanup and publication finished.\n"
                    + "The Workflow " + command.namespace() + "/" + command.workflowName() + " may still exist: check it and delete it.\n");
            err.println("workflow-run: wrote " + log);
        } catch (IOException | UncheckedIOException e) {
            err.println("workflow-run: could not write the local flush to " + dir + ": " + e.getMessage());
        }
    }
}
