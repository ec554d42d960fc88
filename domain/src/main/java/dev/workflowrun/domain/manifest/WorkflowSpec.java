package dev.workflowrun.domain.manifest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The spec of a Chaos Mesh Workflow: its entry template and all templates. */
public record WorkflowSpec(String entry, List<WorkflowTemplate> templates) {

    public WorkflowSpec {
        templates = List.copyOf(templates);
    }

    public Optional<WorkflowTemplate> template(String name) {
        return templates.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The entry template's deadline, which the runner's default deadlines derive from. */
    public Optional<Duration> entryDeadline() {
        return template(entry).flatMap(WorkflowTemplate::deadline);
    }
}
