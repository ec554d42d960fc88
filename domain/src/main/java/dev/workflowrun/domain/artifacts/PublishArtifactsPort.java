package dev.workflowrun.domain.artifacts;

/** Out-port: publish a run bundle under a location. */
public interface PublishArtifactsPort {

    /**
     * Writes every file of the bundle in order ({@code run.json} last). Never deletes anything.
     *
     * @throws PublishException when the store cannot take the bundle after its retries
     */
    PublishedBundle publish(BundleLocation location, RunBundle bundle);
}
