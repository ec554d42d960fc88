package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.artifacts.AlreadyPublished;
import dev.workflowrun.domain.artifacts.Attempt;
import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.BundleKeys;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.artifacts.PublishException;
import dev.workflowrun.domain.artifacts.PublishedBundle;
import dev.workflowrun.domain.artifacts.RunBundle;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes a bundle to S3 (or an S3-compatible store) with the AWS SDK v2 sync client. Every object is streamed
 * from its {@code Content}; objects above the part size go up as a multipart upload, one part in flight at a time,
 * so memory use does not grow with the size of a log.
 */
final class S3ArtifactStore implements PublishArtifactsPort {

    private static final Set<String> CREDENTIAL_ERRORS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "AccessDenied", "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "InvalidClientTokenId");
    private static final Duration ABORT_TIMEOUT = Duration.ofSeconds(10);

    private final S3StoreConfig config;
    private final AwsCredentialsProvider credentials;

    S3ArtifactStore(S3StoreConfig config, AwsCredentialsProvider credentials) {
        this.config = config;
        this.credentials = credentials;
    }

    S3StoreConfig config() {
        return config;
    }

    @Override
    public PublishedBundle publish(BundleLocation location, RunBundle bundle) {
        String region = resolveRegion();
        Target target = new Target(config, region, System.nanoTime() + config.totalTimeout().toNanos());
        // One client per publication: a run publishes once, and nothing (connection pool, threads) outlives it.
        try (S3Client s3 = client(region)) {
            requireCredentials(target);
            long bytes = 0;
            int files = 0;
            for (BundleFile file : bundle.files()) {
                String key = keyFor(location, file);
                bytes += upload(s3, target, key, file);
                files++;
            }
            return new PublishedBundle("s3://" + config.bucket() + "/" + location.prefix(), files, bytes);
        }
    }

    /** The {@code attempt-<n>/} folders under the run's prefix (listed page by page), each with its run.json's outcome. */
    @Override
    public List<Attempt> attempts(BundleLocation run) {
        String region = resolveRegion();
        Target target = new Target(config, region, System.nanoTime() + config.totalTimeout().toNanos());
        try (S3Client s3 = client(region)) {
            requireCredentials(target);
            List<Attempt> found = new ArrayList<>();
            try {
                for (ListObjectsV2Response page : s3.listObjectsV2Paginator(b -> b.bucket(config.bucket()).prefix(run.prefix()).delimiter("/")
                        .overrideConfiguration(target.remaining(run.prefix())))) {
                    for (CommonPrefix folder : page.commonPrefixes()) {
                        String segment = folder.prefix().substring(run.prefix().length()).replaceAll("/$", "");
                        Optional<Integer> number = Attempt.numberOf(segment);
                        if (number.isPresent()) {
                            found.add(new Attempt(number.get(), outcomeOf(s3, target, folder.prefix() + "run.json")));
                        }
                    }
                }
            } catch (SdkException e) {
                throw target.failure(run.prefix(), e);
            }
            found.sort(java.util.Comparator.comparingInt(Attempt::number));
            return found;
        }
    }

    private Optional<String> outcomeOf(S3Client s3, Target target, String key) {
        try {
            byte[] json = s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(key).range("bytes=0-1048575")
                    .overrideConfiguration(target.remaining(key))).asByteArray();
            return RunJsonOutcome.of(new String(json, java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "S3 bucket " + config.bucket() + " at " + config.endpointDescription(config.region().orElse("(from the environment)"));
    }

    /** The key is the run's prefix plus the file name, both already checked; checked again so no key leaves the prefix. */
    private static String keyFor(BundleLocation location, BundleFile file) {
        String key = location.key(file);
        try {
            BundleKeys.requireSafe(key);
        } catch (IllegalArgumentException e) {
            throw new PublishException("refusing to publish bundle file '" + file.name() + "': " + e.getMessage(), e);
        }
        if (!key.startsWith(location.prefix()) || key.length() == location.prefix().length()) {
            throw new PublishException("refusing to write '" + file.name() + "' outside the run's prefix " + location.prefix());
        }
        return key;
    }

    private String resolveRegion() {
        return config.region().orElseGet(() -> {
            try {
                return new DefaultAwsRegionProviderChain().getRegion().id();
            } catch (SdkClientException noneConfigured) {
                // Buckets in us-east-1 need no region; elsewhere S3 answers with the right one in the error.
                return Region.US_EAST_1.id();
            }
        });
    }

    private S3Client client(String region) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .overrideConfiguration(o -> o.apiCallTimeout(config.totalTimeout()));
        config.endpoint().ifPresent(builder::endpointOverride);
        if (config.checksumsWhenRequired()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    /** Resolves credentials up front so "none found" reads as such rather than as a failed upload. */
    private void requireCredentials(Target target) {
        try {
            credentials.resolveCredentials();
        } catch (SdkException e) {
            throw new PublishException("no AWS credentials found to publish to bucket '" + config.bucket() + "' at "
                    + target.endpoint() + ": " + e.getMessage() + ". Provide them through the default chain"
                    + " (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a web identity token on EKS, or AWS_PROFILE)", e);
        }
    }

    private long upload(S3Client s3, Target target, String key, BundleFile file) {
        long size;
        try {
            size = file.content().size();
        } catch (UncheckedIOException e) {
            throw new PublishException("cannot read the size of bundle file '" + file.name() + "' to publish it as s3://"
                    + config.bucket() + "/" + key + ": " + e.getCause().getMessage(), e);
        }
        try {
            if (size > config.partSize()) {
                uploadInParts(s3, target, key, file, size);
            } else {
                // If-None-Match: * makes S3 refuse to replace an object that exists (412): no attempt's evidence is overwritten.
                s3.putObject(b -> b.bucket(config.bucket()).key(key).contentType(file.contentType()).contentLength(size).ifNoneMatch("*")
                                .overrideConfiguration(target.remaining(key)),
                        body(new ContentSlice(file.content(), 0, size), file.contentType()));
            }
            return size;
        } catch (SdkException e) {
            throw target.failure(key, e);
        }
    }

    private void uploadInParts(S3Client s3, Target target, String key, BundleFile file, long size) {
        long partSize = Math.max(config.partSize(), (size + S3StoreConfig.MAX_PARTS - 1) / S3StoreConfig.MAX_PARTS);
        boolean checksums = !config.checksumsWhenRequired();
        String uploadId = s3.createMultipartUpload(b -> b.bucket(config.bucket()).key(key).contentType(file.contentType())
                .checksumAlgorithm(checksums ? ChecksumAlgorithm.CRC32 : null)
                .overrideConfiguration(target.remaining(key))).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += partSize, number++) {
                long length = Math.min(partSize, size - offset);
                int partNumber = number;
                UploadPartResponse response = s3.uploadPart(b -> b.bucket(config.bucket()).key(key).uploadId(uploadId)
                                .partNumber(partNumber).contentLength(length)
                                .checksumAlgorithm(checksums ? ChecksumAlgorithm.CRC32 : null)
                                .overrideConfiguration(target.remaining(key)),
                        body(new ContentSlice(file.content(), offset, length), file.contentType()));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag())
                        .checksumCRC32(response.checksumCRC32()).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(config.bucket()).key(key).uploadId(uploadId).ifNoneMatch("*")
                    .multipartUpload(m -> m.parts(parts))
                    .overrideConfiguration(target.remaining(key)));
        } catch (RuntimeException e) {
            abortQuietly(s3, key, uploadId, e);
            throw e;
        }
    }

    /** Frees the parts already stored (they are billed) without touching any complete object. */
    private void abortQuietly(S3Client s3, String key, String uploadId, RuntimeException failure) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(config.bucket()).key(key).uploadId(uploadId)
                    .overrideConfiguration(o -> o.apiCallTimeout(ABORT_TIMEOUT)));
        } catch (SdkException abortFailure) {
            failure.addSuppressed(abortFailure);
        }
    }

    /** A body the SDK can re-open on each retry; the previous stream is closed when a new one is asked for. */
    private static RequestBody body(ContentSlice slice, String contentType) {
        ContentStreamProvider provider = new ContentStreamProvider() {
            private InputStream current;

            @Override
            public InputStream newStream() {
                closeCurrent();
                try {
                    current = slice.open();
                    return current;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open the bundle file's content: " + e.getMessage(), e);
                }
            }

            private void closeCurrent() {
                if (current != null) {
                    try {
                        current.close();
                    } catch (IOException ignored) {
                        // the stream was only read from; nothing is lost
                    }
                    current = null;
                }
            }
        };
        return RequestBody.fromContentProvider(provider, slice.length(), contentType);
    }

    /** The bucket and endpoint a publication goes to, its deadline, and how its failures read. */
    private record Target(S3StoreConfig config, String region, long deadlineNanos) {

        String endpoint() {
            return config.endpointDescription(region);
        }

        /** Each request gets what is left of the total bound, so retries of a late file cannot overrun it. */
        java.util.function.Consumer<AwsRequestOverrideConfiguration.Builder> remaining(String key) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw timedOut(key, null);
            }
            return o -> o.apiCallTimeout(Duration.ofNanos(left));
        }

        PublishException failure(String key, SdkException e) {
            String object = "s3://" + config.bucket() + "/" + key;
            String where = " (bucket '" + config.bucket() + "', endpoint " + endpoint() + ", region " + region + ")";
            if (e instanceof ApiCallTimeoutException) {
                return timedOut(key, e);
            }
            if (e instanceof S3Exception s3) {
                String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
                String status = "HTTP " + s3.statusCode() + (code == null || code.isEmpty() ? "" : " " + code);
                if (s3.statusCode() == 412 || "PreconditionFailed".equals(code)) {
                    return new AlreadyPublished(object + " exists already (another attempt of this run); it is left as it is", e);
                }
                if ("NoSuchBucket".equals(code)) {
                    return new PublishException("cannot publish " + object + ": the bucket '" + config.bucket()
                            + "' does not exist" + where + ". Create it, or point the run at an existing bucket", e);
                }
                if (CREDENTIAL_ERRORS.contains(code) || s3.statusCode() == 403) {
                    // The SDK's text is left out on purpose: only the error code goes into logs.
                    return new PublishException("cannot publish " + object + ": the store rejected the credentials ("
                            + status + ")" + where + ". Check which credentials the default chain finds"
                            + " (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, web identity, AWS_PROFILE) and that they may"
                            + " s3:PutObject under this prefix", null);
                }
                if (s3.statusCode() == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
                    return new PublishException("cannot publish " + object + ": the bucket is in another region (" + status + ")"
                            + where + ". Set the region of the bucket (AWS_REGION or the region flag)", e);
                }
                String detail = s3.awsErrorDetails() == null ? "" : ": " + s3.awsErrorDetails().errorMessage();
                String retried = s3.statusCode() >= 500 ? ", after the SDK's retries" : "";
                return new PublishException("cannot publish " + object + ": the store answered " + status + detail + where
                        + retried, e);
            }
            return new PublishException("cannot publish " + object + ": " + rootMessage(e) + where
                    + ". The SDK retried; check that the endpoint is reachable", e);
        }

        PublishException timedOut(String key, Exception cause) {
            return new PublishException("cannot publish s3://" + config.bucket() + "/" + key + ": the publication did not"
                    + " finish within its total timeout of " + config.totalTimeout() + " (bucket '" + config.bucket()
                    + "', endpoint " + endpoint() + "). Check that the endpoint answers, or raise the timeout", cause);
        }

        /** The SDK's message already carries its cause's text; fall back to the cause when it has none. */
        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getMessage() == null && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
    }
}
