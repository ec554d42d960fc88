package dev.workflowrun.domain.artifacts;

import java.util.List;

/** Out-port: publish a run bundle under a location. */
public interface PublishArtifactsPort {

    /**
     * Writes every file of the bundle in order ({@code run.json} last). Never deletes anything and
     * never replaces an object that exists.
     *
     * @throws AlreadyPublished when an object of the bundle exists already (another attempt took this location)
     * @throws PublishException when the store cannot take the bundle after its retries
     */
    PublishedBundle publish(BundleLocation location, RunBundle bundle);

    /**
     * The attempts already published under a run's location ({@code attempt-<n>/}), with the outcome
     * each one's {@code run.json} states. A store that cannot list answers empty; {@link #publish}
     * still refuses to overwrite.
     *
     * @throws PublishException when the store cannot be read
     */
    default List<Attempt> attempts(BundleLocation run) {
        return List.of();
    }
}
