package dev.workflowrun.domain.run;

import dev.workflowrun.domain.text.Printable;
import dev.workflowrun.domain.text.Scrubber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The runner's own log for one run: every event, the time each state was entered, and the
 * secrets to scrub from messages before anyone sees them. It becomes {@code orchestrator.log}.
 */
public final class RunJournal {

    private final Clock clock;
    private final RunEventListener listener;
    private final List<RunEvent> events = new ArrayList<>();
    private final Map<String, Instant> stateEntered = new LinkedHashMap<>();
    private Scrubber scrubber = Scrubber.none();
    private String state = "Planned";

    public RunJournal(Clock clock, RunEventListener listener) {
        this.clock = clock;
        this.listener = listener;
        stateEntered.put(state, clock.instant());
    }

    /** From now on every message is scrubbed of these secrets too. */
    public void scrub(Scrubber more) {
        Scrubber all;
        synchronized (this) {
            scrubber = scrubber.and(more);
            all = scrubber;
        }
        listener.onSecrets(all);
    }

    /** What scrubs this run's output: every secret known so far. */
    public synchronized Scrubber scrubber() {
        return scrubber;
    }

    public void enter(String newState, String message) {
        enter(newState, RunEvent.Level.INFO, message);
    }

    /** Enters a state with an event of this level: a failure is a WARN or an ERROR, not an INFO. */
    public void enter(String newState, RunEvent.Level level, String message) {
        synchronized (this) {
            state = newState;
            stateEntered.putIfAbsent(newState, clock.instant());
        }
        log(level, message);
    }

    public void info(String message) {
        log(RunEvent.Level.INFO, message);
    }

    public void warn(String message) {
        log(RunEvent.Level.WARN, message);
    }

    public void error(String message) {
        log(RunEvent.Level.ERROR, message);
    }

    private void log(RunEvent.Level level, String message) {
        RunEvent event;
        synchronized (this) {
            String clean = Printable.of(scrubber.scrub(message)).replace("\\n", "\n");
            event = new RunEvent(clock.instant(), state, level, clean);
            events.add(event);
        }
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            // A broken display must not break the run: the event is in the journal all the same.
        }
    }

    public synchronized String state() {
        return state;
    }

    public synchronized List<RunEvent> events() {
        return List.copyOf(events);
    }

    /** How long each state lasted, in the order they were entered; the last one lasts until now. */
    public synchronized Map<String, Duration> stateDurations() {
        Map<String, Duration> durations = new LinkedHashMap<>();
        List<Map.Entry<String, Instant>> entries = new ArrayList<>(stateEntered.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            Instant end = i + 1 < entries.size() ? entries.get(i + 1).getValue() : clock.instant();
            durations.put(entries.get(i).getKey(), Duration.between(entries.get(i).getValue(), end));
        }
        return durations;
    }

    public synchronized boolean entered(String someState) {
        return stateEntered.containsKey(someState);
    }

    public synchronized String toText() {
        return events.stream().map(RunEvent::toText).collect(Collectors.joining("\n", "", "\n"));
    }

    public synchronized String toJsonLines() {
        return events.stream().map(RunEvent::toJson).collect(Collectors.joining("\n", "", "\n"));
    }
}
