package dev.workflowrun.domain.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 9 where a secret hides inside longer text: an error message quoting a git URL, a log
 * line with a token in a query, bytes of a captured file. Each case would print the secret if
 * its rule were removed.
 */
class CredentialsInTextTest {

    @Test
    void aUrlsUserInformationIsHiddenInAnyText() {
        assertThat(RedactedUrl.inText("fetch of https://bot:ghp_abc123@github.com/o/r.git failed"))
                .isEqualTo("fetch of https://***@github.com/o/r.git failed");
    }

    @Test
    void theScpLikePasswordIsHiddenButTheUserIsKept() {
        assertThat(RedactedUrl.inText("cannot read git:s3cr3t@github.com:o/r.git")).isEqualTo("cannot read git:***@github.com:o/r.git");
        assertThat(RedactedUrl.inText("(deploy:pw123@gitlab.example.com/o/r)")).isEqualTo("(deploy:***@gitlab.example.com/o/r)");
    }

    @Test
    void aTokenGivenAsTheUserOfASchemelessAddressIsHidden() {
        assertThat(RedactedUrl.inText("remote ghp_tok3n@github.com/o/r.git refused")).isEqualTo("remote ***@github.com/o/r.git refused");
    }

    @Test
    void credentialQueryParametersLoseTheirValuesOthersKeepThem() {
        assertThat(RedactedUrl.inText("GET https://h/p?private_token=abc&page=2;sig=xyz&X-Amz-Signature=f00 done"))
                .isEqualTo("GET https://h/p?private_token=***&page=2;sig=***&X-Amz-Signature=*** done");
        assertThat(RedactedUrl.inText("a=b")).isEqualTo("a=b");
    }

    @Test
    void imageDigestsAndMailAddressesAreLeftAlone() {
        String text = "image ghcr.io/o/seid@sha256:" + "a".repeat(64) + " by ops@example.com";
        assertThat(RedactedUrl.inText(text)).isEqualTo(text);
        assertThat(RedactedUrl.inText("nothing to see")).isEqualTo("nothing to see");
        assertThat(RedactedUrl.inText(null)).isEmpty();
    }

    @Test
    void aUrlOnItsOwn() {
        assertThat(RedactedUrl.of("https://u:p@h/x?token=t&a=1")).isEqualTo("https://***@h/x?token=***&a=1");
        assertThat(RedactedUrl.of("u:p@h:o/r")).isEqualTo("***@h:o/r");
        assertThat(RedactedUrl.of(null)).isEmpty();
        assertThat(RedactedUrl.hasCredentials("https://h/x?token=t")).isTrue();
        assertThat(RedactedUrl.hasCredentials("https://h/x?a=1")).isFalse();
        assertThat(RedactedUrl.hasCredentials(null)).isFalse();
    }

    @Test
    void whichParametersCarryCredentials() {
        for (String p : new String[] {"token", "ACCESS_TOKEN", "password", "passwd", "client_secret", "sig", "X-Amz-Signature",
                "X-Amz-Credential", "key", "api_key", "api-key", "auth"}) {
            assertThat(RedactedUrl.isCredentialParameter(p)).as(p).isTrue();
        }
        for (String p : new String[] {"page", "keys", "monkey", "author", "signal"}) {
            assertThat(RedactedUrl.isCredentialParameter(p)).as(p).isFalse();
        }
    }

    @Test
    void aScrubberJoinedWithAnotherScrubsBothAndAnEmptyOneChangesNothing() {
        Scrubber first = Scrubber.of(Map.of("A_TOKEN", "alpha-secret"));
        Scrubber both = first.and(Scrubber.of(Map.of("B_TOKEN", "beta-secret")));

        assertThat(both.scrub("alpha-secret and beta-secret")).isEqualTo("<secret A_TOKEN> and <secret B_TOKEN>");
        assertThat(first.and(Scrubber.none())).isSameAs(first);
        assertThat(Scrubber.none().and(first).scrub("alpha-secret")).isEqualTo("<secret A_TOKEN>");
        assertThat(first.isEmpty()).isFalse();
        assertThat(Scrubber.none().isEmpty()).isTrue();
        assertThat(new String(both.scrub("x beta-secret y".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("x <secret B_TOKEN> y");
    }

    @Test
    void aSecretOfFourCharactersIsScrubbedOneOfThreeCannotBe() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("FOUR_KEY", "abcd");
        secrets.put("THREE_KEY", "xyz");

        Scrubber s = Scrubber.of(secrets);

        assertThat(s.scrub("abcd xyz")).isEqualTo("<secret FOUR_KEY> xyz");
        assertThat(Scrubber.of(Map.of("THREE_KEY", "xyz")).isEmpty()).isTrue();
    }

    @Test
    void controlAndBidiCharactersArePrintedAsEscapes() {
        assertThat(Printable.of("plain")).isEqualTo("plain");
        assertThat(Printable.of("a\tb\nc\u0007d")).isEqualTo("a\\tb\\nc\\u0007d");
        assertThat(Printable.of("x\u2028\u2029\u202a\u202e\u2066\u2069y")).isEqualTo("x\\u2028\\u2029\\u202a\\u202e\\u2066\\u2069y");
        assertThat(Printable.of("\u2029\u202f\u2065\u206a")).isEqualTo("\\u2029\u202f\u2065\u206a");
        assertThat(Printable.of("ok\u0001")).isEqualTo("ok\\u0001");
    }
}
