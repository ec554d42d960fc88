package dev.workflowrun.runner.wiring;

import dagger.Module;
import dagger.Provides;
import dev.workflowrun.adapters.s3.ArtifactStores;
import dev.workflowrun.domain.artifacts.PublishArtifactsPort;

import javax.inject.Named;

/** Artifact store → S3 (or a local directory), and the local fallback directory. */
@Module
public interface StoreModule {

    @Provides
    @Named("store")
    static PublishArtifactsPort store(StoreTarget target) {
        return ArtifactStores.forTarget(target.target(), target.s3());
    }

    @Provides
    @Named("fallback")
    static PublishArtifactsPort fallback(StoreTarget target) {
        return ArtifactStores.localDirectory(target.fallbackDir());
    }
}
