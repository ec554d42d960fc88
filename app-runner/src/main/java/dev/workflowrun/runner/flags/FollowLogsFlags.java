package dev.workflowrun.runner.flags;

import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.run.RunEventListener;
import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.runner.progress.FollowedTaskLogs;
import dev.workflowrun.runner.progress.LiveProgress;
import dev.workflowrun.runner.wiring.ClusterAccess;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --follow-logs}: stream the Task logs of the run's Workflow to the live output while it runs, bounded per task. */
public final class FollowLogsFlags {

    /** How soon a log stream the server closed is opened again (a server that does not stream is polled this often). */
    static final Duration REOPEN_EVERY = Duration.ofSeconds(1);

    @Option(names = "--follow-logs", order = 53,
            description = "While waiting, print each Task's log lines as they are written, prefixed by the task's name (in JSON: an"
                    + " event with source task), scrubbed of secrets like every other line. The bundle keeps the logs either way.")
    boolean follow;

    @Option(names = "--follow-logs-limit", paramLabel = "<bytes>", order = 54, defaultValue = "1Mi", converter = ByteSize.class,
            description = "At most this much of each Task's log is followed (512Ki, 1Mi, or bytes), then one line says the rest was cut."
                    + " Default: ${DEFAULT-VALUE}.")
    long limit = ByteSize.MIB;

    /** The listener a run reports to: {@code live} itself, or {@code live} with the Task logs of {@code command}'s Workflow followed. */
    public RunEventListener listener(LiveProgress live, ClusterAccess access, RunScenarioCommand command) {
        if (!follow) {
            return live;
        }
        WorkflowHandle handle = new WorkflowHandle(command.namespace(), command.workflowName(), command.scenario(), command.runId().value());
        return new FollowedTaskLogs(live, (h, bytes, sink) -> KubernetesAdapters.taskLogs(access.client(), REOPEN_EVERY).follow(h, bytes, sink),
                handle, limit);
    }

    /** {@code 1048576}, {@code 512Ki}, {@code 1Mi} (also {@code KiB}, {@code MiB}); positive. */
    public static final class ByteSize implements CommandLine.ITypeConverter<Long> {
        static final long MIB = 1L << 20;
        private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(ki|kib|mi|mib|gi|gib)?", Pattern.CASE_INSENSITIVE);

        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a positive size; write e.g. 1Mi, 512Ki or 65536");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
            return switch (unit) {
                case "ki", "kib" -> n << 10;
                case "mi", "mib" -> n << 20;
                case "gi", "gib" -> n << 30;
                default -> n;
            };
        }
    }
}
