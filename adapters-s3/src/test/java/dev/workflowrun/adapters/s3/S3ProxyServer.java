package dev.workflowrun.adapters.s3;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * A real S3-compatible server (S3Proxy) on 127.0.0.1 with signature checking on, plus a plain SDK client to
 * look at what a store wrote. It can be stopped and started again on the same port with the same contents.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key-never-printed";

    private final BlobStore blobStore;
    private S3Proxy proxy;
    private int port;
    private S3Client inspector;
    private boolean running;

    private S3ProxyServer(BlobStore blobStore) {
        this.blobStore = blobStore;
    }

    static S3ProxyServer inMemory() throws Exception {
        S3ProxyServer server = new S3ProxyServer(BlobStores.create("transient", new Properties()));
        server.start(0);
        return server;
    }

    static S3ProxyServer onDisk(Path dir) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", dir.toString());
        S3ProxyServer server = new S3ProxyServer(BlobStores.create("filesystem", properties));
        server.start(0);
        return server;
    }

    private void start(int wantedPort) throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + wantedPort))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        running = true;
        port = proxy.getPort();
    }

    void stop() throws Exception {
        running = false;
        proxy.stop();
    }

    /** Starts again on the same port, serving what was stored before. */
    void restart() throws Exception {
        start(port);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String createBucket() {
        String bucket = "b-" + UUID.randomUUID();
        blobStore.createContainer(bucket);
        return bucket;
    }

    S3StoreConfig config(String bucket) {
        return S3StoreConfig.forBucket(bucket).withEndpoint(endpoint()).withRegion("us-east-1").withPathStyle(true)
                .withTotalTimeout(Duration.ofSeconds(30));
    }

    static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    S3Client client() {
        if (inspector == null) {
            inspector = S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(credentials()).build();
        }
        return inspector;
    }

    ResponseBytes<GetObjectResponse> get(String bucket, String key) {
        return client().getObjectAsBytes(b -> b.bucket(bucket).key(key));
    }

    List<String> keys(String bucket) {
        return client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
    }

    @Override
    public void close() {
        if (inspector != null) {
            inspector.close();
        }
        if (running) {
            try {
                stop();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("S3Proxy did not stop", e);
            }
        }
    }
}
