package dev.workflowrun.runner.history;

import dev.workflowrun.domain.history.PastRun;
import dev.workflowrun.domain.history.StoredSummary;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads the fields of a {@code run.json} that history needs; anything else in it is ignored, so older and newer runners' files both read. */
public final class RunJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RunJson() {
    }

    /** @throws IllegalArgumentException when the text is not a run.json the runner wrote */
    public static PastRun parse(String key, String text) {
        JsonNode doc;
        try {
            doc = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (doc == null || !doc.isObject() || !doc.path("runId").isString() || !doc.path("outcome").isString()) {
            throw new IllegalArgumentException("not a run.json: it has no runId or outcome");
        }
        Optional<StoredSummary.Place> place = new StoredSummary(key, Instant.EPOCH).place();
        Instant started = time(doc, "startedAt");
        Map<String, String> tasks = new TreeMap<>();
        for (JsonNode task : doc.path("tasks")) {
            if (task.path("name").isString() && task.path("result").isString()) {
                tasks.put(task.path("name").asString(), task.path("result").asString());
            }
        }
        return new PastRun(doc.path("scenario").asString(place.map(StoredSummary.Place::scenario).orElse("?")), doc.path("runId").asString(),
                doc.path("attempt").asInt(place.map(StoredSummary.Place::attempt).orElse(1)), started,
                doc.path("finishedAt").isString() ? time(doc, "finishedAt") : started, doc.path("outcome").asString(),
                text(doc, "decidingTask"), text(doc, "commit"), tasks, key);
    }

    private static Optional<String> text(JsonNode doc, String field) {
        return doc.path(field).isString() && !doc.path(field).asString().isEmpty() ? Optional.of(doc.path(field).asString()) : Optional.empty();
    }

    private static Instant time(JsonNode doc, String field) {
        try {
            return Instant.parse(doc.path(field).asString(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a time: '" + doc.path(field).asString("") + "'");
        }
    }
}
