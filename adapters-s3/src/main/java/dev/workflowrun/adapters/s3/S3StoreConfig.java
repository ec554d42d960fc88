package dev.workflowrun.adapters.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach the bucket a run bundle is published to.
 *
 * @param bucket                the bucket name (S3 naming rules: 3 to 63 lower-case letters, digits, dots and hyphens)
 * @param endpoint              an S3-compatible endpoint ({@code --s3-endpoint}); empty for AWS itself
 * @param region                the signing region; empty to take it from the SDK's region chain (environment,
 *                              {@code aws.region}, profile, instance metadata), {@code us-east-1} if none has one
 * @param pathStyle             {@code http://host/bucket/key} instead of {@code http://bucket.host/key}; most
 *                              S3-compatible stores need it
 * @param checksumsWhenRequired send and verify checksums only where S3 requires them; for stores that reject the
 *                              SDK's default integrity checksums (AWS itself supports them, keep this off there)
 * @param totalTimeout          bound on the whole publication, SDK retries included
 * @param partSize              objects above this size are uploaded in parts of this size (AWS needs at least
 *                              5 MiB per part, like the compatible stores, and at most 10,000 parts: the part size
 *                              grows for objects above 10,000 times this)
 */
public record S3StoreConfig(String bucket, Optional<URI> endpoint, Optional<String> region, boolean pathStyle,
                            boolean checksumsWhenRequired, Duration totalTimeout, long partSize) {

    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofMinutes(5);

    /** S3's limit; the part size grows for objects that would need more parts than this. */
    static final int MAX_PARTS = 10_000;
    static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3StoreConfig {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("'" + bucket + "' is not a valid S3 bucket name: use 3 to 63 lower-case letters,"
                    + " digits, dots and hyphens, starting and ending with a letter or digit. For a local directory pass"
                    + " a path containing '/' or a file: URL instead");
        }
        endpoint.ifPresent(uri -> {
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("the S3 endpoint '" + uri + "' must be an absolute http(s) URL,"
                        + " e.g. http://127.0.0.1:9000");
            }
        });
        region.ifPresent(r -> {
            if (r.isBlank()) {
                throw new IllegalArgumentException("the S3 region must not be blank; leave it unset to use the SDK's region chain");
            }
        });
        if (totalTimeout.isNegative() || totalTimeout.isZero()) {
            throw new IllegalArgumentException("the S3 total timeout must be positive, got " + totalTimeout);
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            // S3 (and the compatible stores tried) refuse to complete an upload whose parts are under 5 MiB.
            throw new IllegalArgumentException("the S3 part size must be between 5 MiB (5242880) and 5 GiB, got " + partSize
                    + "; the default is 8 MiB");
        }
    }

    /** AWS defaults for a bucket: region from the SDK's chain, default checksums, 8 MiB parts, 5 minutes in all. */
    public static S3StoreConfig forBucket(String bucket) {
        return new S3StoreConfig(bucket, Optional.empty(), Optional.empty(), false, false, DEFAULT_TOTAL_TIMEOUT, DEFAULT_PART_SIZE);
    }

    public S3StoreConfig withBucket(String otherBucket) {
        return new S3StoreConfig(otherBucket, endpoint, region, pathStyle, checksumsWhenRequired, totalTimeout, partSize);
    }

    public S3StoreConfig withEndpoint(URI uri) {
        return new S3StoreConfig(bucket, Optional.of(uri), region, pathStyle, checksumsWhenRequired, totalTimeout, partSize);
    }

    public S3StoreConfig withRegion(String name) {
        return new S3StoreConfig(bucket, endpoint, Optional.of(name), pathStyle, checksumsWhenRequired, totalTimeout, partSize);
    }

    public S3StoreConfig withPathStyle(boolean on) {
        return new S3StoreConfig(bucket, endpoint, region, on, checksumsWhenRequired, totalTimeout, partSize);
    }

    public S3StoreConfig withChecksumsWhenRequired(boolean on) {
        return new S3StoreConfig(bucket, endpoint, region, pathStyle, on, totalTimeout, partSize);
    }

    public S3StoreConfig withTotalTimeout(Duration timeout) {
        return new S3StoreConfig(bucket, endpoint, region, pathStyle, checksumsWhenRequired, timeout, partSize);
    }

    public S3StoreConfig withPartSize(long bytes) {
        return new S3StoreConfig(bucket, endpoint, region, pathStyle, checksumsWhenRequired, totalTimeout, bytes);
    }

    /** For messages: the endpoint, or what AWS endpoint the region implies. */
    String endpointDescription(String resolvedRegion) {
        return endpoint.map(URI::toString).orElse("the AWS S3 endpoint of region " + resolvedRegion);
    }
}
