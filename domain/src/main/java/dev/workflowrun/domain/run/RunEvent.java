package dev.workflowrun.domain.run;

import dev.workflowrun.domain.json.JsonText;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One line of the runner's own log: when, in which state, how serious, what happened. */
public record RunEvent(Instant at, String state, Level level, String message) {

    public enum Level { INFO, WARN, ERROR }

    public String toText() {
        return at + " " + String.format("%-5s", level) + " [" + state + "] " + message;
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", at.toString());
        m.put("level", level.name());
        m.put("state", state);
        m.put("message", message);
        return JsonText.write(m);
    }
}
