package dev.workflowrun.runner.wiring;

import dev.workflowrun.adapters.s3.S3StoreConfig;

import java.nio.file.Path;

/**
 * Where bundles go: {@code target} is a bucket name, an {@code s3://} URL, or a local directory
 * (a path with '/' or a {@code file:} URL); {@code fallbackDir} takes the bundle when that fails.
 */
public record StoreTarget(String target, S3StoreConfig s3, Path fallbackDir) {
}
