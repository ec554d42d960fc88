package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/** The artifact stores: an S3 bucket, or a local directory with the same layout. */
public final class ArtifactStores {

    private ArtifactStores() {
    }

    /** A bucket, with credentials from the SDK's default chain (environment, web identity on EKS, profiles). */
    public static PublishArtifactsPort s3(S3StoreConfig config) {
        return s3(config, DefaultCredentialsProvider.builder().build());
    }

    /** A bucket, with the given credentials. */
    public static PublishArtifactsPort s3(S3StoreConfig config, AwsCredentialsProvider credentials) {
        return new S3ArtifactStore(Objects.requireNonNull(config, "config"), Objects.requireNonNull(credentials, "credentials"));
    }

    /** A directory; created on first publication. */
    public static PublishArtifactsPort localDirectory(Path root) {
        return new LocalDirectoryArtifactStore(Objects.requireNonNull(root, "root"));
    }

    /**
     * The store a target names: {@code file:/dir} or a path (anything with a {@code /}, or starting with
     * {@code .}) is a local directory; {@code s3://bucket} or a bare bucket name is S3, configured as
     * {@code template} but for that bucket.
     */
    public static PublishArtifactsPort forTarget(String bucketOrUrl, S3StoreConfig template) {
        Objects.requireNonNull(template, "template");
        String target = Objects.requireNonNull(bucketOrUrl, "bucketOrUrl").strip();
        if (target.isEmpty()) {
            throw new IllegalArgumentException("the artifact target is empty; pass a bucket name, s3://bucket, file:/dir or a directory path");
        }
        if (target.regionMatches(true, 0, "file:", 0, 5)) {
            return localDirectory(fileUrlPath(target));
        }
        if (target.regionMatches(true, 0, "s3://", 0, 5)) {
            String bucket = target.substring(5);
            if (bucket.endsWith("/")) {
                bucket = bucket.substring(0, bucket.length() - 1);
            }
            if (bucket.contains("/")) {
                throw new IllegalArgumentException("the artifact target '" + target + "' has a key path; pass only"
                        + " s3://bucket and set the key layout with the prefix template (e.g. nightly/{scenario}/{runId}/)");
            }
            return s3(template.withBucket(bucket));
        }
        if (target.contains("://")) {
            throw new IllegalArgumentException("the artifact target '" + target + "' has an unknown scheme; use s3://bucket,"
                    + " a bucket name, file:/dir or a directory path");
        }
        if (target.contains("/") || target.contains("\\") || target.startsWith(".")) {
            return localDirectory(path(target, target));
        }
        return s3(template.withBucket(target));
    }

    private static Path fileUrlPath(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the artifact target '" + url + "' is not a valid file: URL (" + e.getMessage()
                    + "); use file:///absolute/dir or a plain directory path", e);
        }
        if (uri.isOpaque()) {
            // file:relative/dir is not a proper URL, but it is what people type for a relative directory.
            return path(uri.getSchemeSpecificPart(), url);
        }
        if (uri.getAuthority() != null) {
            throw new IllegalArgumentException("the artifact target '" + url + "' names a host; only local"
                    + " directories are supported, e.g. file:///var/tmp/bundles");
        }
        try {
            return Path.of(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the artifact target '" + url + "' is not a usable file: URL (" + e.getMessage()
                    + "); use file:///absolute/dir or a plain directory path", e);
        }
    }

    private static Path path(String text, String target) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("the artifact target '" + target + "' is not a valid directory path: " + e.getMessage(), e);
        }
    }
}
