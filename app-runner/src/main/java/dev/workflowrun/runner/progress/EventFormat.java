package dev.workflowrun.runner.progress;

import dev.workflowrun.domain.json.JsonText;
import dev.workflowrun.domain.run.RunEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/** How one event is written, live and in {@code orchestrator.log} alike. */
public enum EventFormat {
    /** {@code 2026-01-01T00:00:00Z INFO  [Waiting] message}: for people. */
    TEXT {
        @Override
        public String format(RunEvent event, Map<String, Object> context, Map<String, Object> fields) {
            return event.toText();
        }
    },
    /**
     * One JSON object a line, for log aggregators: {@code time}, {@code level}, {@code state}, then the
     * run's identity ({@code runId}, {@code scenario}) on every line, the {@code message}, then any fields
     * the event carries (progress, outcome, exit code).
     */
    JSON {
        @Override
        public String format(RunEvent event, Map<String, Object> context, Map<String, Object> fields) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("time", event.at().toString());
            m.put("level", event.level().name());
            m.put("state", event.state());
            m.put("runId", context.getOrDefault("runId", ""));
            m.put("scenario", context.getOrDefault("scenario", ""));
            m.put("message", event.message());
            m.putAll(fields);
            return JsonText.write(m);
        }
    };

    /** One line; {@code context} holds the run's identity, {@code fields} what this event adds. */
    public abstract String format(RunEvent event, Map<String, Object> context, Map<String, Object> fields);

    public String format(RunEvent event) {
        return format(event, Map.of(), Map.of());
    }
}
