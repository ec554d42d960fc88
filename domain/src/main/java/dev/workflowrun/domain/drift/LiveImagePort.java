package dev.workflowrun.domain.drift;

import dev.workflowrun.domain.variables.ImageRef;

import java.util.Optional;

/** Out-port: the image a running Deployment's container uses (for the live drift check). */
public interface LiveImagePort {

    /** Empty when the Deployment or container does not exist. */
    Optional<ImageRef> image(DeploymentRef deployment);
}
