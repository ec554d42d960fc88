package dev.workflowrun.domain.artifacts;

/** Where a bundle ended up ({@code s3://bucket/prefix/} or a directory), and how much was written. */
public record PublishedBundle(String uri, int files, long bytes) {
}
