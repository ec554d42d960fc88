package dev.workflowrun.runner.flags;

import dev.workflowrun.runner.progress.EventFormat;
import picocli.CommandLine.Option;

/** How the runner talks: live events on stderr, the final summary on stdout. */
public final class OutputFlags {

    @Option(names = "--log-format", paramLabel = "text|json", order = 50, defaultValue = "text",
            description = "Live progress on stderr and orchestrator.log: text, or one JSON object a line. Default: ${DEFAULT-VALUE}.")
    EventFormat logFormat;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json|yaml", order = 51, defaultValue = "text",
            description = "Final summary on stdout (with run --dry-run: the plan): text, json or yaml. Default: ${DEFAULT-VALUE}.")
    Format output;

    @Option(names = "--heartbeat", paramLabel = "<duration>", order = 52, defaultValue = "1m", converter = Converters.GoDurationConverter.class,
            description = "While waiting, say what is running and for how long at least this often, even when nothing changed (0s: never)."
                    + " Default: ${DEFAULT-VALUE}.")
    java.time.Duration heartbeat;

    @picocli.CommandLine.Mixin
    FollowLogsFlags follow = new FollowLogsFlags();

    /** {@code --follow-logs} and its limit. */
    public FollowLogsFlags followLogs() {
        return follow;
    }

    public java.time.Duration heartbeat() {
        return heartbeat == null ? dev.workflowrun.runner.progress.LiveProgress.DEFAULT_HEARTBEAT : heartbeat;
    }

    public EventFormat logFormat() {
        return logFormat;
    }

    public Format output() {
        return output;
    }
}
