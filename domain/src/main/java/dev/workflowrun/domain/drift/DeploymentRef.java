package dev.workflowrun.domain.drift;

import java.util.Optional;

/** {@code deployment/<namespace>/<name>[/<container>]}. */
public record DeploymentRef(String namespace, String name, Optional<String> container) {

    public static DeploymentRef parse(String text) {
        String[] parts = text.split("/", -1);
        if ((parts.length != 3 && parts.length != 4) || !parts[0].equals("deployment")) {
            throw new IllegalArgumentException("'" + text + "' is not deployment/<namespace>/<name>[/<container>]");
        }
        for (int i = 1; i < parts.length; i++) {
            dev.workflowrun.domain.variables.RunId.requireDnsLabel("the " + (i == 1 ? "namespace" : i == 2 ? "deployment name" : "container name"), parts[i]);
        }
        return new DeploymentRef(parts[1], parts[2], parts.length == 4 ? Optional.of(parts[3]) : Optional.empty());
    }

    @Override
    public String toString() {
        return "deployment/" + namespace + "/" + name + container.map(c -> "/" + c).orElse("");
    }
}
