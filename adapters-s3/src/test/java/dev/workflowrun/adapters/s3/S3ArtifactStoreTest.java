package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.artifacts.AlreadyPublished;
import dev.workflowrun.domain.artifacts.Attempt;
import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.Content;
import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.artifacts.PublishException;
import dev.workflowrun.domain.artifacts.PublishedBundle;
import dev.workflowrun.domain.artifacts.RunBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class S3ArtifactStoreTest {

    /** The smallest part S3 and S3Proxy accept. */
    private static final int PART = 5 * 1024 * 1024;
    private static final BundleLocation LOCATION = new BundleLocation("nightly/checkout/run-42/");

    private static S3ProxyServer server;
    private String bucket;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void freshBucket() {
        bucket = server.createBucket();
    }

    private PublishArtifactsPort store(S3StoreConfig config) {
        return ArtifactStores.s3(config, S3ProxyServer.credentials());
    }

    @Test
    void publishesEveryFileUnderThePrefix_andReadsBackByteIdenticalWithItsContentType() {
        RunBundle bundle = Bundles.typical();

        PublishedBundle published = store(server.config(bucket)).publish(LOCATION, bundle);

        assertThat(published.uri()).isEqualTo("s3://" + bucket + "/nightly/checkout/run-42/");
        assertThat(published.files()).isEqualTo(6);
        assertThat(published.bytes()).isEqualTo(bundle.totalBytes());
        for (BundleFile file : bundle.files()) {
            var object = server.get(bucket, LOCATION.key(file));
            assertThat(object.asByteArray()).as(file.name()).isEqualTo(readAll(file.content()));
            // S3Proxy drops the space before a parameter; the media type and charset are what matter.
            assertThat(object.response().contentType()).as(file.name()).isEqualToIgnoringWhitespace(file.contentType());
        }
        assertThat(server.keys(bucket)).allMatch(key -> key.startsWith(LOCATION.prefix())).hasSize(6);
    }

    @Test
    void uploadsAnObjectAboveThePartSizeInParts_andReadsItBackByteIdentical() {
        byte[] log = Bundles.randomBytes(2 * PART + 3_392, 7);
        RunBundle bundle = RunBundle.builder()
                .add(new BundleFile("logs/pod-a/main.log", "text/plain; charset=utf-8", Content.ofBytes(log)))
                .build("{}");

        store(server.config(bucket).withPartSize(PART)).publish(LOCATION, bundle);

        String key = LOCATION.prefix() + "logs/pod-a/main.log";
        HeadObjectResponse head = server.client().headObject(b -> b.bucket(bucket).key(key));
        // S3 gives a multipart object an ETag of the form "<md5 of part md5s>-<part count>".
        assertThat(head.eTag()).endsWith("-3\"");
        assertThat(head.contentType()).isEqualToIgnoringWhitespace("text/plain; charset=utf-8");
        assertThat(server.get(bucket, key).asByteArray()).isEqualTo(log);
    }

    @Test
    void withChecksumsOnlyWhenRequired_singleAndMultipartUploadsStillRoundTrip() {
        byte[] log = Bundles.randomBytes(PART + 1, 11);
        RunBundle bundle = RunBundle.builder()
                .add(new BundleFile("big.log", "text/plain", Content.ofBytes(log)))
                .add(BundleFile.text("small.txt", "hello"))
                .build("{}");

        store(server.config(bucket).withPartSize(PART).withChecksumsWhenRequired(true)).publish(LOCATION, bundle);

        assertThat(server.get(bucket, LOCATION.prefix() + "big.log").asByteArray()).isEqualTo(log);
        assertThat(server.get(bucket, LOCATION.prefix() + "small.txt").asUtf8String()).isEqualTo("hello");
    }

    @Test
    void publishingWhereABundleExists_isRefusedByTheStore_andLeavesItAsItWas() {
        RunBundle first = RunBundle.builder()
                .add(BundleFile.text("orchestrator.log", "first attempt\n"))
                .add(BundleFile.text("only-in-first.txt", "kept"))
                .build("{\"attempt\":1}");
        RunBundle second = RunBundle.builder()
                .add(BundleFile.text("orchestrator.log", "second attempt\n"))
                .build("{\"attempt\":2}");
        PublishArtifactsPort store = store(server.config(bucket));

        store.publish(LOCATION, first);
        assertThatThrownBy(() -> store.publish(LOCATION, second))
                .isInstanceOf(AlreadyPublished.class)
                .hasMessageContaining("orchestrator.log exists already");

        assertThat(server.keys(bucket)).containsExactly(LOCATION.prefix() + "only-in-first.txt",
                LOCATION.prefix() + "orchestrator.log", LOCATION.prefix() + "run.json");
        assertThat(server.get(bucket, LOCATION.prefix() + "orchestrator.log").asUtf8String()).isEqualTo("first attempt\n");
        assertThat(server.get(bucket, LOCATION.prefix() + "run.json").asUtf8String()).isEqualTo("{\"attempt\":1}");
    }

    @Test
    void theAttemptsOfARunAreListedPageByPageWithTheirOutcomes() {
        PublishArtifactsPort store = store(server.config(bucket));
        BundleLocation run = new BundleLocation("nightly/checkout/run-42/");
        store.publish(run.attempt(1), RunBundle.builder().build("{\"outcome\": \"INFRA_FAILED\"}"));
        store.publish(run.attempt(2), RunBundle.builder().add(BundleFile.text("orchestrator.log", "cut short")).build("{}"));
        store.publish(new BundleLocation("nightly/checkout/run-420/").attempt(1), RunBundle.builder().build("{\"outcome\": \"PASSED\"}"));

        assertThat(store.attempts(run)).containsExactly(new Attempt(1, Optional.of("INFRA_FAILED")), new Attempt(2, Optional.empty()));
    }

    @Test
    void namesThatLookLikeEscapesOnceDecoded_stayLiteralKeysInsideThePrefix() {
        // Each is a legal bundle name; none may be decoded, normalized or resolved into another key by the way up.
        List<String> names = List.of("logs/pod%2F..%2F..%2Fescape/main.log", "logs/...//x".replace("//", "/"),
                "logs/p\u00f6d &+=?#/c.log", "logs/%2e%2e/c.log");
        RunBundle.Builder builder = RunBundle.builder();
        names.forEach(name -> builder.add(BundleFile.text(name, name)));

        store(server.config(bucket)).publish(LOCATION, builder.build("{}"));

        assertThat(server.keys(bucket)).allMatch(key -> key.startsWith(LOCATION.prefix())).hasSize(names.size() + 1);
        for (String name : names) {
            assertThat(server.get(bucket, LOCATION.prefix() + name).asUtf8String()).isEqualTo(name);
        }
    }

    @Test
    void wrongCredentials_failWithAMessageNamingBucketAndEndpoint_butNeverTheSecret() {
        String wrongSecret = "wrong-secret-do-not-print";
        PublishArtifactsPort store = ArtifactStores.s3(server.config(bucket),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, wrongSecret)));

        PublishException failure = catchThrowableOfType(PublishException.class, () -> store.publish(LOCATION, Bundles.typical()));

        assertThat(failure.getMessage()).contains("'" + bucket + "'", server.endpoint().toString(), "rejected the credentials", "403");
        assertThat(stackTrace(failure)).doesNotContain(wrongSecret).doesNotContain(S3ProxyServer.SECRET_KEY);
        assertThat(server.keys(bucket)).isEmpty();
    }

    @Test
    void noCredentialsAtAll_failBeforeAnyUpload_withAMessageListingWhereTheyAreLookedFor(@TempDir Path home) throws Exception {
        Path emptyProfiles = Files.writeString(home.resolve("credentials"), "");
        var nowhere = ProfileCredentialsProvider.builder()
                .profileFile(ProfileFile.builder().content(emptyProfiles).type(ProfileFile.Type.CREDENTIALS).build())
                .profileName("nightly").build();

        PublishException failure = catchThrowableOfType(PublishException.class,
                () -> ArtifactStores.s3(server.config(bucket), nowhere).publish(LOCATION, Bundles.typical()));

        assertThat(failure.getMessage()).contains("no AWS credentials found", "'" + bucket + "'", server.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "web identity");
        assertThat(server.keys(bucket)).isEmpty();
    }

    @Test
    void aMissingBucket_failsWithAMessageSayingSoAndWhatToDo() {
        PublishException failure = catchThrowableOfType(PublishException.class,
                () -> store(server.config("no-such-bucket")).publish(LOCATION, Bundles.typical()));

        assertThat(failure.getMessage()).contains("'no-such-bucket' does not exist", server.endpoint().toString(), "Create it");
        assertThat(stackTrace(failure)).doesNotContain(S3ProxyServer.SECRET_KEY);
    }

    @Test
    @Timeout(60)
    void aStoppedServer_failsWithinTheTotalBound_andTheFallbackDirectoryTakesTheBundle(@TempDir Path fallbackRoot) throws Exception {
        try (S3ProxyServer stopped = S3ProxyServer.inMemory()) {
            String stoppedBucket = stopped.createBucket();
            S3StoreConfig config = stopped.config(stoppedBucket).withTotalTimeout(Duration.ofSeconds(20));
            stopped.stop();

            PublishException failure = catchThrowableOfType(PublishException.class,
                    () -> store(config).publish(LOCATION, Bundles.typical()));

            assertThat(failure.getMessage()).contains("'" + stoppedBucket + "'", stopped.endpoint().toString(), "reachable");
            // What the use case does next: the same bundle goes to the fallback directory, complete.
            PublishedBundle kept = ArtifactStores.localDirectory(fallbackRoot).publish(LOCATION, Bundles.typical());
            assertThat(Path.of(kept.uri()).resolve("run.json")).hasContent("{\"outcome\":\"PASSED\"}");
        }
    }

    @Test
    @Timeout(60)
    void aServerStoppedMidPublication_failsBeforeRunJson_soThePartialBundleReadsAsIncomplete() throws Exception {
        try (S3ProxyServer dying = S3ProxyServer.inMemory()) {
            String dyingBucket = dying.createBucket();
            RunBundle bundle = RunBundle.builder()
                    .add(BundleFile.text("orchestrator.log", "written before the outage\n"))
                    .add(new BundleFile("logs/pod-a/main.log", "text/plain",
                            Bundles.onOpen(Bundles.randomBytes(50_000, 3), () -> stopQuietly(dying))))
                    .add(BundleFile.yaml("events.yaml", "[]\n"))
                    .build("{}");

            PublishException failure = catchThrowableOfType(PublishException.class,
                    () -> store(dying.config(dyingBucket).withTotalTimeout(Duration.ofSeconds(20))).publish(LOCATION, bundle));

            assertThat(failure.getMessage()).contains("'" + dyingBucket + "'", dying.endpoint().toString());
            dying.restart();
            assertThat(dying.keys(dyingBucket)).contains(LOCATION.prefix() + "orchestrator.log")
                    .doesNotContain(LOCATION.prefix() + "run.json");
        }
    }

    @Test
    @Timeout(60)
    void anEndpointThatNeverAnswers_failsWhenTheTotalTimeoutIsUsedUp() throws Exception {
        // A listening socket nobody accepts from: connections succeed, requests are never answered.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            S3StoreConfig config = server.config(bucket).withEndpoint(endpoint).withTotalTimeout(Duration.ofSeconds(2));

            PublishException failure = catchThrowableOfType(PublishException.class,
                    () -> store(config).publish(LOCATION, Bundles.typical()));

            assertThat(failure.getMessage()).contains("total timeout of PT2S", endpoint.toString(), "'" + bucket + "'");
        }
    }

    @Test
    void aContentThatFailsMidStream_failsThePublication_andLeavesNoRunJson() {
        RunBundle bundle = RunBundle.builder()
                .add(new BundleFile("orchestrator.log", "text/plain", Bundles.failingAfter(10_000, 4_000)))
                .build("{}");

        assertThatThrownBy(() -> store(server.config(bucket)).publish(LOCATION, bundle))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining(LOCATION.prefix() + "orchestrator.log");
        assertThat(server.keys(bucket)).isEmpty();
    }

    private static void stopQuietly(S3ProxyServer s) {
        try {
            s.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(Content content) {
        try (var in = content.open()) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
