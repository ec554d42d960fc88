package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.history.ReadRunSummariesPort;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

import java.nio.file.Path;
import java.util.Objects;

/** Where {@code workflow-run history} reads runs from: a bucket (with a key prefix) or a directory with the same layout. */
public final class RunSummaryStores {

    private RunSummaryStores() {
    }

    /** A store and the key prefix under it that holds the runs. */
    public record Source(ReadRunSummariesPort store, String prefix, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    /**
     * {@code s3://bucket/prefix/} or a bare bucket name is S3 (configured as {@code template} but for that bucket); a path
     * (anything with a {@code /}, or starting with {@code .}) or a {@code file:} URL is a directory.
     */
    public static Source forTarget(String target, S3StoreConfig template) {
        Objects.requireNonNull(template, "template");
        String t = Objects.requireNonNull(target, "target").strip();
        if (t.regionMatches(true, 0, "s3://", 0, 5)) {
            String rest = t.substring(5);
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            S3RunSummaries s3 = new S3RunSummaries(template.withBucket(bucket), DefaultCredentialsProvider.builder().build());
            return new Source(s3, prefix, s3);
        }
        if (t.regionMatches(true, 0, "file:", 0, 5)) {
            return directory(Path.of(java.net.URI.create(t.startsWith("file:/") ? t : "file:" + Path.of(t.substring(5)).toAbsolutePath())));
        }
        if (t.contains("/") || t.contains("\\") || t.startsWith(".")) {
            return directory(Path.of(t));
        }
        S3RunSummaries s3 = new S3RunSummaries(template.withBucket(t), DefaultCredentialsProvider.builder().build());
        return new Source(s3, "", s3);
    }

    public static Source directory(Path root) {
        return new Source(new LocalDirectoryRunSummaries(root), "", () -> { });
    }
}
