package dev.workflowrun.runner.flags;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Round 2 of hostile input, the runner's own files: --var-file and the default fallback directory. */
class RunnerInputRound2Test {

    @TempDir
    Path dir;

    @Test
    void aVarFileThatIsAFifoWithNoWriterIsRefusedAtOnce() throws Exception {
        Path fifo = dir.resolve("values.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> VarFile.read(fifo))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is not a regular file (a FIFO, socket or device)")
                .hasMessageContaining("or - for standard input"));
    }

    @Test
    void aVarFileThatIsADirectoryOrADeviceIsRefused() {
        assertThatThrownBy(() -> VarFile.read(dir)).isInstanceOf(UsageException.class).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> VarFile.read(Path.of("/dev/zero"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void aVarFileAboveOneMebibyteIsRefused() throws Exception {
        Path big = Files.writeString(dir.resolve("big.env"), "A=" + "x".repeat(VarFile.MAX_BYTES));
        assertThatThrownBy(() -> VarFile.read(big)).isInstanceOf(UsageException.class).hasMessageContaining("at most " + VarFile.MAX_BYTES);
    }

    @Test
    void standardInputIsReadWithABound() throws Exception {
        assertThat(VarFile.read(Path.of("-"), new ByteArrayInputStream("A=1\nB=two\n".getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(5)))
                .containsExactly(Map.entry("A", "1"), Map.entry("B", "two"));
        try (PipedOutputStream nobodyWrites = new PipedOutputStream(); PipedInputStream in = new PipedInputStream(nobodyWrites)) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> VarFile.read(Path.of("-"), in, Duration.ofMillis(300)))
                    .isInstanceOf(UsageException.class).hasMessageContaining("gave no end of file within"));
        }
    }

    @Test
    void aByteOrderMarkInFrontOfAVarFileIsNotPartOfTheFirstName() throws Exception {
        Path file = Files.writeString(dir.resolve("bom.env"), "\uFEFFSEID_IMAGE=ghcr.io/org/seid:v1\n");
        assertThat(VarFile.read(file)).containsExactly(Map.entry("SEID_IMAGE", "ghcr.io/org/seid:v1"));
    }

    @Test
    void aVarFileNameWithEscapeCodesIsPrintedEscaped() {
        assertThatThrownBy(() -> VarFile.read(dir.resolve("x\u001b[2Jy"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("x\\u001b[2Jy").hasMessageNotContaining("\u001b");
    }

    @Test
    void aSymbolicLinkPlantedAsTheDefaultFallbackDirectoryIsNotFollowed() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path victim = Files.createDirectory(dir.resolve("victim"));
        Files.createSymbolicLink(tmp.resolve(FallbackDirectory.NAME), victim);
        List<String> notices = new ArrayList<>();

        Path chosen = FallbackDirectory.under(tmp, notices::add);

        assertThat(chosen.toRealPath().startsWith(victim.toRealPath())).isFalse();
        assertThat(chosen.getParent()).isEqualTo(tmp);
        assertThat(Files.isSymbolicLink(chosen)).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(chosen))).isEqualTo("rwx------");
        assertThat(notices).singleElement().asString().contains("is a symbolic link", "not followed", "--fallback-dir");
        assertThat(victim).isEmptyDirectory();
    }

    @Test
    void theDefaultFallbackDirectoryIsCreatedOwnerOnlyAndReused() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        List<String> notices = new ArrayList<>();
        Path first = FallbackDirectory.under(tmp, notices::add);
        assertThat(first).isEqualTo(tmp.resolve(FallbackDirectory.NAME));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rwx------");
        Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(FallbackDirectory.under(tmp, notices::add)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rwx------");
        assertThat(notices).isEmpty();
    }

    @Test
    void aPlainFilePlantedAsTheDefaultFallbackDirectoryIsLeftAlone() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Files.writeString(tmp.resolve(FallbackDirectory.NAME), "planted");
        List<String> notices = new ArrayList<>();
        Path chosen = FallbackDirectory.under(tmp, notices::add);
        assertThat(Files.isDirectory(chosen)).isTrue();
        assertThat(Files.readString(tmp.resolve(FallbackDirectory.NAME))).isEqualTo("planted");
        assertThat(notices).singleElement().asString().contains("is not a directory");
    }
}
