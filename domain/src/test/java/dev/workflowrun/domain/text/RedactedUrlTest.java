package dev.workflowrun.domain.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactedUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://alice:s3cr3t@github.com/o/r.git|https://***@github.com/o/r.git",
            "https://ghp_abcdef@github.com/o/r|https://***@github.com/o/r",
            "alice:s3cr3t@git.example.com:o/r.git|***@git.example.com:o/r.git",
            "https://gitlab.example.com/o/r.git?private_token=glpat-123&ref=main|https://gitlab.example.com/o/r.git?private_token=***&ref=main",
            "https://bucket.s3.amazonaws.com/k?X-Amz-Signature=abc&X-Amz-Expires=60|https://bucket.s3.amazonaws.com/k?X-Amz-Signature=***&X-Amz-Expires=60",
            "https://10.0.0.1:6443|https://10.0.0.1:6443",
            "github.com/sei-protocol/sei-k8s-controller|github.com/sei-protocol/sei-k8s-controller",
            "git://127.0.0.1:9418/repo|git://127.0.0.1:9418/repo"})
    void credentialsInAUrlAreNeverShown(String url, String shown) {
        assertThat(RedactedUrl.of(url)).isEqualTo(shown);
        assertThat(RedactedUrl.hasCredentials(url)).isEqualTo(!url.equals(shown));
    }
}
