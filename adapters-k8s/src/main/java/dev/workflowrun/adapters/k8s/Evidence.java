package dev.workflowrun.adapters.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;
import java.util.Optional;

/**
 * What a verdict is read from: the Workflow, its WorkflowNodes and pods, and (when they were
 * read) the namespace's events. The same record comes from a live listing ({@code run}) and from
 * files a user saved or a bundle holds ({@code judge}), so both get the same verdict.
 */
record Evidence(GenericKubernetesResource workflow, List<GenericKubernetesResource> nodes, List<Pod> pods, Optional<List<Event>> events) {

    Evidence {
        nodes = List.copyOf(nodes);
        pods = List.copyOf(pods);
        events = events.map(List::copyOf);
    }

    Evidence(GenericKubernetesResource workflow, List<GenericKubernetesResource> nodes, List<Pod> pods) {
        this(workflow, nodes, pods, Optional.empty());
    }
}
