package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.artifacts.AlreadyPublished;
import dev.workflowrun.domain.artifacts.Attempt;
import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.Content;
import dev.workflowrun.domain.artifacts.PublishException;
import dev.workflowrun.domain.artifacts.PublishedBundle;
import dev.workflowrun.domain.artifacts.RunBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalDirectoryArtifactStoreTest {

    private static final BundleLocation LOCATION = new BundleLocation("nightly/checkout/run-42/");

    @TempDir
    Path root;

    @Test
    void writesEveryFileUnderRootAndPrefix_byteIdentical() throws IOException {
        RunBundle bundle = Bundles.typical();

        PublishedBundle published = ArtifactStores.localDirectory(root).publish(LOCATION, bundle);

        Path runDir = root.toRealPath().resolve("nightly/checkout/run-42");
        assertThat(published.uri()).isEqualTo(runDir.toString());
        assertThat(Path.of(published.uri())).isAbsolute();
        assertThat(published.files()).isEqualTo(6);
        assertThat(published.bytes()).isEqualTo(bundle.totalBytes());
        for (BundleFile file : bundle.files()) {
            assertThat(Files.readAllBytes(runDir.resolve(file.name()))).as(file.name()).isEqualTo(read(file.content()));
        }
        assertThat(filesUnder(root)).hasSize(6);
    }

    @Test
    void aContentThatFailsMidStream_leavesNeitherTheTargetNorATemporaryFile() throws IOException {
        RunBundle bundle = RunBundle.builder()
                .add(BundleFile.text("orchestrator.log", "complete\n"))
                .add(new BundleFile("logs/pod-a/main.log", "text/plain", Bundles.failingAfter(100_000, 30_000)))
                .build("{}");

        assertThatThrownBy(() -> ArtifactStores.localDirectory(root).publish(LOCATION, bundle))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("logs/pod-a/main.log")
                .hasMessageContaining("source failed after 30000 bytes");

        Path runDir = root.resolve("nightly/checkout/run-42");
        assertThat(runDir.resolve("logs/pod-a/main.log")).doesNotExist();
        assertThat(runDir.resolve("run.json")).doesNotExist();
        assertThat(filesUnder(root)).containsExactly(runDir.resolve("orchestrator.log"));
    }

    @Test
    void aFailedRepublication_leavesTheEarlierCompleteFilesAndRunJsonIntact() throws IOException {
        var store = ArtifactStores.localDirectory(root);
        store.publish(LOCATION, RunBundle.builder().add(BundleFile.text("orchestrator.log", "first, complete\n")).build("{\"attempt\":1}"));
        RunBundle broken = RunBundle.builder()
                .add(new BundleFile("orchestrator.log", "text/plain", Bundles.failingAfter(4_096, 1_000)))
                .build("{\"attempt\":2}");

        assertThatThrownBy(() -> store.publish(LOCATION, broken)).isInstanceOf(PublishException.class);

        Path runDir = root.resolve("nightly/checkout/run-42");
        assertThat(runDir.resolve("orchestrator.log")).hasContent("first, complete");
        assertThat(runDir.resolve("run.json")).hasContent("{\"attempt\":1}");
        assertThat(filesUnder(root)).containsExactly(runDir.resolve("orchestrator.log"), runDir.resolve("run.json"));
    }

    @Test
    void aContentShorterThanItsAnnouncedSize_isRejectedRatherThanWrittenTruncated() {
        Content liar = new Content() {
            @Override
            public InputStream open() {
                return InputStream.nullInputStream();
            }

            @Override
            public long size() {
                return 10;
            }
        };
        RunBundle bundle = RunBundle.builder().add(new BundleFile("events.yaml", "application/yaml", liar)).build("{}");

        assertThatThrownBy(() -> ArtifactStores.localDirectory(root).publish(LOCATION, bundle))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("events.yaml");
        assertThat(root.resolve("nightly/checkout/run-42/events.yaml")).doesNotExist();
    }

    @Test
    void publishingWhereABundleExists_isRefused_andLeavesItAsItWas() throws IOException {
        var store = ArtifactStores.localDirectory(root);
        store.publish(LOCATION, RunBundle.builder()
                .add(BundleFile.text("only-in-first.txt", "kept"))
                .add(BundleFile.text("orchestrator.log", "first\n"))
                .build("{\"outcome\": \"INFRA_FAILED\"}"));

        assertThatThrownBy(() -> store.publish(LOCATION, RunBundle.builder().add(BundleFile.text("orchestrator.log", "second\n")).build("{}")))
                .isInstanceOf(AlreadyPublished.class)
                .hasMessageContaining("another attempt");

        Path runDir = root.resolve("nightly/checkout/run-42");
        assertThat(runDir.resolve("orchestrator.log")).hasContent("first");
        assertThat(runDir.resolve("run.json")).hasContent("{\"outcome\": \"INFRA_FAILED\"}");
        assertThat(filesUnder(root)).hasSize(3);
    }

    @Test
    void theAttemptsOfARunAreListedWithWhatTheirRunJsonSays() throws IOException {
        var store = ArtifactStores.localDirectory(root);
        BundleLocation run = new BundleLocation("nightly/checkout/run-42/");
        store.publish(run.attempt(1), RunBundle.builder().build("{\n  \"outcome\": \"TIMED_OUT\"\n}"));
        Files.createDirectories(root.resolve("nightly/checkout/run-42/attempt-2"));
        Files.createDirectories(root.resolve("nightly/checkout/run-42/attempt-x"));
        store.publish(run.attempt(10), RunBundle.builder().build("{\"outcome\": \"PASSED\"}"));

        assertThat(store.attempts(run)).containsExactly(new Attempt(1, Optional.of("TIMED_OUT")), new Attempt(2, Optional.empty()),
                new Attempt(10, Optional.of("PASSED")));
        assertThat(store.attempts(new BundleLocation("nightly/checkout/never-ran/"))).isEmpty();
    }

    @Test
    void aSymbolicLinkAboveTheRun_cannotCarryTheBundleOutsideTheRoot(@TempDir Path elsewhere) throws IOException {
        Files.createDirectories(root.resolve("nightly"));
        Files.createSymbolicLink(root.resolve("nightly/checkout"), elsewhere);
        RunBundle bundle = RunBundle.builder().add(BundleFile.text("logs/pod-a/main.log", "must not leave the root")).build("{}");

        assertThatThrownBy(() -> ArtifactStores.localDirectory(root).publish(LOCATION, bundle))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("outside the store's root");

        try (Stream<Path> entries = Files.list(elsewhere)) {
            assertThat(entries).as("not even a directory is created outside the root").isEmpty();
        }
    }

    @Test
    void aRunDirectoryPlantedBeforehand_isNeverWrittenInto(@TempDir Path elsewhere) throws IOException {
        Path outside = Files.writeString(elsewhere.resolve("precious.txt"), "untouched");
        Path runDir = Files.createDirectories(root.resolve("nightly/checkout/run-42"));
        Files.createSymbolicLink(runDir.resolve("orchestrator.log"), outside);

        assertThatThrownBy(() -> ArtifactStores.localDirectory(root).publish(LOCATION,
                RunBundle.builder().add(BundleFile.text("orchestrator.log", "new log")).build("{}")))
                .isInstanceOf(AlreadyPublished.class);

        assertThat(outside).hasContent("untouched");
    }

    @Test
    void aRootThatIsAFile_failsWithAMessageNamingIt() throws IOException {
        Path notADirectory = Files.writeString(root.resolve("taken"), "a file");

        assertThatThrownBy(() -> ArtifactStores.localDirectory(notADirectory).publish(LOCATION, Bundles.typical()))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining(notADirectory.toString())
                .hasMessageContaining("writable directory");
    }

    private static byte[] read(Content content) throws IOException {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        }
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
