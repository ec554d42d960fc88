package dev.workflowrun.runner.flags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VarFileTest {

    @TempDir
    Path dir;

    @Test
    void readsNameValueLinesVerbatim() throws IOException {
        Path file = dir.resolve("vars.env");
        Files.writeString(file, "# images\nSEID_IMAGE=ghcr.io/org/seid:v1\n\nexport API_TOKEN=a=b=c\r\nEMPTY=\n");
        assertThat(VarFile.read(file)).containsExactly(
                java.util.Map.entry("SEID_IMAGE", "ghcr.io/org/seid:v1"),
                java.util.Map.entry("API_TOKEN", "a=b=c"),
                java.util.Map.entry("EMPTY", ""));
    }

    @Test
    void aMalformedLineIsRefusedWithoutEchoingIt() throws IOException {
        Path file = dir.resolve("vars.env");
        Files.writeString(file, "SEID_IMAGE=x\nsupersecretvalue\n");
        assertThatThrownBy(() -> VarFile.read(file)).isInstanceOf(UsageException.class)
                .hasMessageContaining("line 2").hasMessageNotContaining("supersecretvalue");
    }

    @Test
    void aMissingFileSaysWhatToGive() {
        assertThatThrownBy(() -> VarFile.read(dir.resolve("nope.env"))).isInstanceOf(UsageException.class).hasMessageContaining("NAME=VALUE");
    }
}
