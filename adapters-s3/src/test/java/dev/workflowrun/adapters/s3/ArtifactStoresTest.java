package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtifactStoresTest {

    private static final S3StoreConfig TEMPLATE = S3StoreConfig.forBucket("template-bucket")
            .withEndpoint(URI.create("http://127.0.0.1:9000")).withPathStyle(true);

    @Test
    void forBucket_hasTheDocumentedDefaults() {
        S3StoreConfig config = S3StoreConfig.forBucket("nightly-artifacts");

        assertThat(config.bucket()).isEqualTo("nightly-artifacts");
        assertThat(config.endpoint()).isEmpty();
        assertThat(config.region()).isEmpty();
        assertThat(config.pathStyle()).isFalse();
        assertThat(config.checksumsWhenRequired()).isFalse();
        assertThat(config.partSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.totalTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aBareBucketNameOrAnS3Url_isTheS3StoreWithTheTemplateSettings() {
        for (String target : new String[] {"my-bucket", "s3://my-bucket", "s3://my-bucket/"}) {
            PublishArtifactsPort store = ArtifactStores.forTarget(target, TEMPLATE);

            assertThat(store).as(target).isInstanceOf(S3ArtifactStore.class);
            S3StoreConfig config = ((S3ArtifactStore) store).config();
            assertThat(config.bucket()).isEqualTo("my-bucket");
            assertThat(config.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
            assertThat(config.pathStyle()).isTrue();
        }
    }

    @Test
    void aFileUrlOrAPath_isTheLocalStore(@TempDir Path dir) {
        assertThat(root(ArtifactStores.forTarget(dir.toUri().toString(), TEMPLATE))).isEqualTo(dir.toAbsolutePath());
        assertThat(root(ArtifactStores.forTarget("file:" + dir, TEMPLATE))).isEqualTo(dir.toAbsolutePath());
        assertThat(root(ArtifactStores.forTarget(dir.toString(), TEMPLATE))).isEqualTo(dir.toAbsolutePath());
        assertThat(root(ArtifactStores.forTarget("./bundles", TEMPLATE))).isEqualTo(Path.of("bundles").toAbsolutePath());
        assertThat(root(ArtifactStores.forTarget("file:bundles/x", TEMPLATE))).isEqualTo(Path.of("bundles/x").toAbsolutePath());
    }

    @Test
    void targetsThatAreNeither_areRejectedWithTheFix() {
        assertThatThrownBy(() -> ArtifactStores.forTarget("s3://my-bucket/some/prefix", TEMPLATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix template");
        assertThatThrownBy(() -> ArtifactStores.forTarget("gs://my-bucket", TEMPLATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown scheme");
        assertThatThrownBy(() -> ArtifactStores.forTarget("My_Bucket", TEMPLATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'My_Bucket' is not a valid S3 bucket name")
                .hasMessageContaining("local directory");
        assertThatThrownBy(() -> ArtifactStores.forTarget("file://somehost/dir", TEMPLATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names a host");
        assertThatThrownBy(() -> ArtifactStores.forTarget("  ", TEMPLATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }

    @Test
    void configValuesThatCannotWork_areRejectedUpFront() {
        assertThatThrownBy(() -> TEMPLATE.withPartSize(1024 * 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 MiB");
        assertThatThrownBy(() -> TEMPLATE.withTotalTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> TEMPLATE.withEndpoint(URI.create("localhost:9000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> new S3StoreConfig("ok-bucket", Optional.empty(), Optional.of(" "), false, false,
                Duration.ofSeconds(1), S3StoreConfig.DEFAULT_PART_SIZE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region");
    }

    private static Path root(PublishArtifactsPort store) {
        assertThat(store).isInstanceOf(LocalDirectoryArtifactStore.class);
        return ((LocalDirectoryArtifactStore) store).root();
    }
}
