package dev.workflowrun.domain.manifest;

import java.util.Map;
import java.util.Optional;

/** One object of a manifest: its type, its name and, when the document says, its namespace. */
public record ManifestObject(String apiVersion, String kind, String name, Optional<String> namespace, Map<String, String> labels) {

    public ManifestObject {
        labels = Map.copyOf(labels);
    }

    public boolean isChaosMeshWorkflow() {
        return apiVersion.startsWith("chaos-mesh.org/") && kind.equals("Workflow");
    }
}
