package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.history.HistoryException;
import dev.workflowrun.domain.history.ReadRunSummariesPort;
import dev.workflowrun.domain.history.StoredSummary;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code run.json} files of a bucket: ListObjectsV2 page by page (1000 keys a page, the next page
 * asked for only when the last one is handled), then GetObject for the {@code run.json} keys only.
 * One client, shared by the reading threads (the SDK's sync client is thread-safe), closed with this.
 */
final class S3RunSummaries implements ReadRunSummariesPort, AutoCloseable {

    private static final long MAX_BYTES = 4L * 1024 * 1024;

    private final S3StoreConfig config;
    private final S3Client s3;

    S3RunSummaries(S3StoreConfig config, AwsCredentialsProvider credentials) {
        this.config = config;
        String region = config.region().orElseGet(() -> {
            try {
                return new DefaultAwsRegionProviderChain().getRegion().id();
            } catch (SdkClientException noneConfigured) {
                return Region.US_EAST_1.id();
            }
        });
        S3ClientBuilder builder = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle()).overrideConfiguration(o -> o.apiCallTimeout(config.totalTimeout()));
        config.endpoint().ifPresent(builder::endpointOverride);
        if (config.checksumsWhenRequired()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        this.s3 = builder.build();
    }

    @Override
    public void listSummaries(String prefix, Consumer<List<StoredSummary>> page) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(config.bucket()).prefix(prefix).maxKeys(1000).build();
        try {
            for (ListObjectsV2Response response : s3.listObjectsV2Paginator(request)) {
                page.accept(response.contents().stream().filter(o -> o.key().endsWith("/" + StoredSummary.FILE))
                        .map(S3RunSummaries::summary).toList());
            }
        } catch (SdkException e) {
            throw new HistoryException("cannot list s3://" + config.bucket() + "/" + prefix + ": " + e.getMessage()
                    + ". Check the bucket name, --s3-endpoint and the credentials (the SDK's default chain)", e);
        }
    }

    private static StoredSummary summary(S3Object o) {
        return new StoredSummary(o.key(), o.lastModified() == null ? java.time.Instant.EPOCH : o.lastModified());
    }

    @Override
    public String read(String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(key));
            if (bytes.asByteArrayUnsafe().length > MAX_BYTES) {
                throw new HistoryException("s3://" + config.bucket() + "/" + key + " is larger than " + MAX_BYTES + " bytes");
            }
            return bytes.asString(StandardCharsets.UTF_8);
        } catch (SdkException e) {
            throw new HistoryException("cannot read s3://" + config.bucket() + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "s3://" + config.bucket() + "/";
    }

    @Override
    public void close() {
        s3.close();
    }
}
