package dev.workflowrun.domain.manifest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One template of a Chaos Mesh Workflow, as far as the runner needs it: its children, its
 * deadline, the images and ConfigMaps its Task container uses, its script text (for lint), and
 * its Task container's name (empty when there is no container or it has no name).
 */
public record WorkflowTemplate(String name, String templateType, Optional<Duration> deadline, List<String> children,
                               List<String> images, List<String> envFromConfigMaps, String scriptText, Optional<String> taskContainerName) {

    public WorkflowTemplate {
        taskContainerName = taskContainerName.filter(n -> !n.isBlank());
        children = List.copyOf(children);
        images = List.copyOf(images);
        envFromConfigMaps = List.copyOf(envFromConfigMaps);
        scriptText = scriptText == null ? "" : scriptText;
    }

    public boolean isTask() {
        return "Task".equals(templateType);
    }
}
