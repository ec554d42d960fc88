package dev.workflowrun.domain.manifest;

/** Out-port: read rendered YAML as data (the core has no YAML parser of its own). */
public interface ReadManifestPort {

    /** @throws ManifestException when the text is not YAML the runner can apply, saying where and why. */
    ParsedManifest read(String yaml);

    /**
     * True when two YAML documents hold the same data: key order, comments and formatting do not
     * count. The difference, when any, is returned as readable lines ({@code - path: old} / {@code + path: new}).
     */
    java.util.List<String> dataDifferences(String expectedYaml, String actualYaml);
}
