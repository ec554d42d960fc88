package dev.workflowrun.domain.manifest;

import java.util.List;
import java.util.Optional;

/** A rendered manifest read as data: every object in it, and the Workflow's spec when there is one. */
public record ParsedManifest(List<ManifestObject> objects, Optional<ManifestObject> workflow, Optional<WorkflowSpec> workflowSpec) {

    public ParsedManifest {
        objects = List.copyOf(objects);
    }
}
