package dev.workflowrun.domain.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScrubberTest {

    private final Scrubber scrubber = Scrubber.of(Map.of("SLACK_WEBHOOK", "https://hooks.example/T0/B0/xoxb\"quoted\"", "GIT_TOKEN", "ghp_0123456789"));

    @Test
    void aSecretIsReplacedByItsNameInEveryFormItTakes() {
        String raw = "token ghp_0123456789 used";
        String json = "{\"hook\": \"https://hooks.example/T0/B0/xoxb\\\"quoted\\\"\"}";
        String b64 = "data: " + Base64.getEncoder().encodeToString("ghp_0123456789".getBytes(StandardCharsets.UTF_8));

        assertThat(scrubber.scrub(raw)).isEqualTo("token <secret GIT_TOKEN> used");
        assertThat(scrubber.scrub(json)).isEqualTo("{\"hook\": \"<secret SLACK_WEBHOOK>\"}");
        assertThat(scrubber.scrub(b64)).isEqualTo("data: <secret GIT_TOKEN>");
    }

    @Test
    void bytesAreScrubbedToo() {
        byte[] log = "pod log: ghp_0123456789 ü\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new String(scrubber.scrub(log), StandardCharsets.UTF_8)).isEqualTo("pod log: <secret GIT_TOKEN> ü\n");
    }

    @Test
    void valuesTooShortToScrubSafelyAreLeftOutAndTextWithoutSecretsIsUnchanged() {
        assertThat(Scrubber.of(Map.of("PIN", "123")).isEmpty()).isTrue();
        assertThat(scrubber.scrub("nothing to hide")).isEqualTo("nothing to hide");
    }
}
