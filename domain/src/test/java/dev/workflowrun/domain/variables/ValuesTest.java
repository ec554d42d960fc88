package dev.workflowrun.domain.variables;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest {

    @Test
    void parsesAnImageWithRegistryPortTagAndDigest() {
        String digest = "sha256:" + "a".repeat(64);
        ImageRef ref = ImageRef.parse("registry.local:5000/sei-protocol/seitask:1a2b3c4@" + digest);
        assertThat(ref.registry()).contains("registry.local:5000");
        assertThat(ref.repository()).isEqualTo("sei-protocol/seitask");
        assertThat(ref.name()).isEqualTo("seitask");
        assertThat(ref.tag()).contains("1a2b3c4");
        assertThat(ref.digest()).contains(digest);
        assertThat(ref.pinned()).isTrue();
    }

    @Test
    void anImageWithoutRegistryOrTagIsUnpinned() {
        ImageRef ref = ImageRef.parse("busybox");
        assertThat(ref.registry()).isEmpty();
        assertThat(ref.tag()).isEmpty();
        assertThat(ref.pinned()).isFalse();
        assertThat(ImageRef.parse("busybox:latest").pinned()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "UPPER/case:tag", "repo:bad tag", "repo@sha256:short", "repo:", "/repo", "repo//x", "a:b:c"})
    void rejectsInvalidImages(String text) {
        assertThatThrownBy(() -> ImageRef.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"90s,90", "60m,3600", "1h30m,5400", "2h,7200", "1.5h,5400", "0,0", "500ms,0"})
    void parsesGoDurations(String text, long seconds) {
        assertThat(GoDuration.parse(text).getSeconds()).isEqualTo(seconds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"60", "1 h", "-5m", "5d", "m", "1h30", ""})
    void rejectsWhatGoRejects(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsDurationsTheWayGoWritesThem() {
        assertThat(GoDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(GoDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nightly", "run_1", "-run", "run-", "a.b", ""})
    void runIdsMustBeDnsLabels(String text) {
        assertThatThrownBy(() -> new RunId(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run id");
    }

    @Test
    void aRunIdMustLeaveRoomForTheScenarioName() {
        RunId id = new RunId("r".repeat(60));
        assertThatThrownBy(() -> id.workflowName("release-test"))
                .hasMessageContaining("use a run id of at most 50 characters");
        assertThat(new RunId("nightly-42").workflowName("release-test")).isEqualTo("release-test-nightly-42");
    }
}
