package dev.workflowrun.runner.flags;

import dev.workflowrun.adapters.s3.S3StoreConfig;
import dev.workflowrun.runner.wiring.StoreTarget;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;

/** Where the bundle is published, and where it goes when that fails. */
public final class StoreFlags {

    @Option(names = "--bucket", required = true, paramLabel = "<bucket>", order = 40,
            description = "S3 bucket for the run bundle (e.g. harbor-validation-results), an s3:// URL, or a local directory"
                    + " (a path with '/' or a file: URL).")
    String bucket;

    @Option(names = "--s3-endpoint", paramLabel = "<url>", order = 41,
            description = "S3-compatible endpoint, e.g. http://127.0.0.1:9000. Default: AWS. Credentials come from the SDK's usual"
                    + " chain (environment, web identity, profile), never from a flag.")
    Optional<String> endpoint;

    @Option(names = "--s3-region", paramLabel = "<region>", order = 42, description = "Signing region. Default: the SDK's region chain.")
    Optional<String> region;

    @Option(names = "--s3-path-style", order = 43, negatable = true,
            description = "Address objects as http://host/bucket/key. Default: on with --s3-endpoint, off for AWS.")
    Optional<Boolean> pathStyle;

    @Option(names = "--s3-checksums-when-required", order = 44,
            description = "Send checksums only where S3 requires them, for stores that reject the SDK's defaults.")
    boolean checksumsWhenRequired;

    @Option(names = "--s3-timeout", paramLabel = "<duration>", order = 45, defaultValue = "5m", converter = Converters.GoDurationConverter.class,
            description = "Bound on the whole publication, retries included; then the bundle goes to --fallback-dir. Default: ${DEFAULT-VALUE}.")
    java.time.Duration timeout;

    @Option(names = "--fallback-dir", paramLabel = "<dir>", order = 46,
            description = "Where the bundle is written when the store fails. Default: <tmp>/workflow-run-fallback.")
    Optional<Path> fallbackDir;

    public StoreTarget target() {
        return new StoreTarget(bucket, s3Config(), fallbackDir());
    }

    private Path chosenFallback;
    private final java.util.List<String> notices = new java.util.ArrayList<>();

    /** The fallback directory; the default one is prepared safely once (see {@link FallbackDirectory}). */
    public synchronized Path fallbackDir() {
        if (chosenFallback == null) {
            chosenFallback = fallbackDir.orElseGet(() -> FallbackDirectory.under(Path.of(System.getProperty("java.io.tmpdir")), notices::add));
        }
        return chosenFallback;
    }

    /** What preparing the default fallback directory had to say (e.g. a planted symbolic link it did not follow). */
    public java.util.List<String> notices() {
        return java.util.List.copyOf(notices);
    }

    private S3StoreConfig s3Config() {
        String name = bucket.startsWith("s3://") ? bucket.substring(5).replaceAll("/.*$", "") : bucket;
        boolean local = bucket.contains("/") && !bucket.startsWith("s3://") || bucket.startsWith("file:");
        S3StoreConfig config;
        try {
            // A local target has no bucket of its own; the S3 settings are then unused.
            config = S3StoreConfig.forBucket(local ? "local-directory" : name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--bucket: " + e.getMessage());
        }
        if (endpoint.isPresent()) {
            URI uri;
            try {
                uri = new URI(endpoint.get());
                config = config.withEndpoint(uri);
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new UsageException("--s3-endpoint '" + endpoint.get() + "' is not a URL; write it as http(s)://host:port");
            }
        }
        if (region.isPresent()) {
            config = config.withRegion(region.get());
        }
        boolean path = pathStyle.orElse(endpoint.isPresent());
        return new S3StoreConfig(config.bucket(), config.endpoint(), config.region(), path, checksumsWhenRequired,
                timeout, config.partSize());
    }
}
