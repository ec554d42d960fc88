package dev.workflowrun.runner.cli;

import dev.workflowrun.runner.progress.EventFormat;
import picocli.CommandLine.Option;

/** How the runner talks: live events on stderr, the final summary on stdout. */
public final class OutputFlags {

    @Option(names = "--log-format", paramLabel = "text|json", order = 50, defaultValue = "text",
            description = "Live progress on stderr and orchestrator.log: text, or one JSON object a line. Default: ${DEFAULT-VALUE}.")
    EventFormat logFormat;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json", order = 51, defaultValue = "text",
            description = "Final summary on stdout: text or json. Default: ${DEFAULT-VALUE}.")
    Format output;

    public EventFormat logFormat() {
        return logFormat;
    }

    public Format output() {
        return output;
    }
}
