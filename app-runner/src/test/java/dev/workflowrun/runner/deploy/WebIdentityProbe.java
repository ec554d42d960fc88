package dev.workflowrun.runner.deploy;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Run on the runnable jar's classpath by {@link RunnableJarIT}: resolves credentials with the
 * chain the S3 store uses and prints the access key id and whether a session token came with it.
 */
public final class WebIdentityProbe {

    private WebIdentityProbe() {
    }

    public static void main(String[] args) {
        try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
            AwsCredentials credentials = chain.resolveCredentials();
            System.out.println("accessKeyId=" + credentials.accessKeyId());
            System.out.println("session=" + (credentials instanceof AwsSessionCredentials s && !s.sessionToken().isEmpty()));
        } catch (RuntimeException e) {
            System.out.println("failed=" + e.getMessage());
            System.exit(3);
        }
    }
}
