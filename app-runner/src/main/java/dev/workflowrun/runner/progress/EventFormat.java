package dev.workflowrun.runner.progress;

import dev.workflowrun.domain.run.RunEvent;
import dev.workflowrun.domain.run.RunJournal;

/** How one event is written, live and in {@code orchestrator.log} alike. */
public enum EventFormat {
    /** {@code 2026-01-01T00:00:00Z INFO  [Waiting] message}: for people. */
    TEXT {
        @Override
        public String format(RunEvent event) {
            return event.toText();
        }

        @Override
        public String log(RunJournal journal) {
            return journal.toText();
        }
    },
    /** One JSON object a line: for log aggregators. */
    JSON {
        @Override
        public String format(RunEvent event) {
            return event.toJson();
        }

        @Override
        public String log(RunJournal journal) {
            return journal.toJsonLines();
        }
    };

    public abstract String format(RunEvent event);

    public abstract String log(RunJournal journal);
}
