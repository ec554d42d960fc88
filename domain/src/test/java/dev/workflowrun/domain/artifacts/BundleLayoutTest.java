package dev.workflowrun.domain.artifacts;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The layout of a published run: file names, key prefixes, attempts and the order files are written in (invariants 4 and 7). */
class BundleLayoutTest {

    private static String read(Content content) throws IOException {
        try (InputStream in = content.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Nested
    class Bundles {

        @Test
        void runJsonIsAlwaysWrittenLastWhateverOrderTheFilesCameIn() {
            RunBundle bundle = RunBundle.builder()
                    .add(BundleFile.yaml("workflow.yaml", "kind: Workflow\n"))
                    .addAll(List.of(BundleFile.text("logs/task-a.log", "ok\n"), BundleFile.json("events.json", "[]")))
                    .build("{\"outcome\":\"PASSED\"}");

            assertThat(bundle.files()).extracting(BundleFile::name)
                    .containsExactly("workflow.yaml", "logs/task-a.log", "events.json", RunBundle.SUMMARY);
            assertThat(bundle.files().get(3).contentType()).isEqualTo("application/json");
        }

        @Test
        void runJsonCannotBeAddedAsAnOrdinaryFile() {
            assertThatThrownBy(() -> RunBundle.builder().add(BundleFile.json(RunBundle.SUMMARY, "{}")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("added by build(), last");
        }

        @Test
        void aLaterFileOfTheSameNameReplacesTheEarlierAndMovesToTheEnd() throws IOException {
            RunBundle.Builder builder = RunBundle.builder()
                    .add(BundleFile.text("a.txt", "first"))
                    .add(BundleFile.text("b.txt", "b"))
                    .add(BundleFile.text("a.txt", "second"));

            assertThat(builder.names()).containsExactly("b.txt", "a.txt");
            RunBundle bundle = builder.build("{}");
            assertThat(read(bundle.files().get(1).content())).isEqualTo("second");
        }

        @Test
        void theTotalSizeCountsEveryFileRunJsonIncluded() {
            RunBundle bundle = RunBundle.builder().add(BundleFile.text("a.txt", "12345")).add(BundleFile.text("b.txt", "é")).build("{}");

            assertThat(bundle.totalBytes()).isEqualTo(5 + 2 + 2);
        }

        @Test
        void eachFileKindHasItsContentType() {
            assertThat(BundleFile.yaml("a.yaml", "").contentType()).isEqualTo("application/yaml");
            assertThat(BundleFile.json("a.json", "").contentType()).isEqualTo("application/json");
            assertThat(BundleFile.text("a.txt", "").contentType()).isEqualTo("text/plain; charset=utf-8");
        }
    }

    @Nested
    class Contents {

        @Test
        void bytesAreCopiedSoALaterChangeToTheArrayDoesNotChangeTheFile() throws IOException {
            byte[] bytes = "abc".getBytes(StandardCharsets.UTF_8);
            Content content = Content.ofBytes(bytes);
            bytes[0] = 'X';

            assertThat(read(content)).isEqualTo("abc");
            assertThat(content.size()).isEqualTo(3);
            assertThat(read(content)).as("opened twice").isEqualTo("abc");
        }

        @Test
        void aFileIsReadFromDiskWhenOpenedAndSizedThere(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("task.log");
            Files.writeString(file, "line 1\nline 2\n");
            Content content = Content.ofFile(file);

            assertThat(content.size()).isEqualTo(14);
            assertThat(read(content)).isEqualTo("line 1\nline 2\n");
        }

        @Test
        void aFileThatIsGoneSaysSoWhenSized(@TempDir Path dir) {
            Content content = Content.ofFile(dir.resolve("gone.log"));

            assertThatThrownBy(content::size).isInstanceOf(UncheckedIOException.class);
            assertThatThrownBy(content::open).isInstanceOf(IOException.class);
        }
    }

    @Nested
    class Names {

        @Test
        void safeRelativeNamesAreKept() {
            assertThat(BundleKeys.requireSafe("logs/pod-1/main.log")).isEqualTo("logs/pod-1/main.log");
            assertThat(BundleKeys.requireSafe("x".repeat(512))).hasSize(512);
        }

        @Test
        void emptyTooLongAbsoluteOrDirectoryNamesAreRefused() {
            assertThatThrownBy(() -> BundleKeys.requireSafe(null)).hasMessageContaining("1 to 512 characters");
            assertThatThrownBy(() -> BundleKeys.requireSafe("")).hasMessageContaining("1 to 512 characters");
            assertThatThrownBy(() -> BundleKeys.requireSafe("x".repeat(513))).hasMessageContaining("1 to 512 characters");
            assertThatThrownBy(() -> BundleKeys.requireSafe("/etc/passwd")).hasMessageContaining("must be relative");
            assertThatThrownBy(() -> BundleKeys.requireSafe("logs/")).hasMessageContaining("must be relative");
        }

        @Test
        void emptyDotAndDotDotSegmentsAreRefused() {
            for (String name : List.of("a//b", "./a", "a/./b", "../a", "a/../b", "a/..")) {
                assertThatThrownBy(() -> BundleKeys.requireSafe(name)).as(name).hasMessageContaining("an empty, '.' or '..' segment");
            }
            assertThat(BundleKeys.requireSafe("a/..b/.c")).as("dots inside a segment are fine").isEqualTo("a/..b/.c");
        }

        @Test
        void controlCharactersDeleteAndBackslashAreRefused() {
            for (String name : List.of("a\nb", "a\u0000b", "a\u001fb", "a\u007fb", "a\\b")) {
                assertThatThrownBy(() -> BundleKeys.requireSafe(name)).hasMessageContaining("control character or a backslash");
            }
            assertThat(BundleKeys.requireSafe("a b~\u0080")).as("space, tilde and non-ASCII").isEqualTo("a b~\u0080");
        }

        @Test
        void untrustedTextBecomesOneSafeSegment() {
            assertThat(BundleKeys.segment("pod/../x y")).isEqualTo("pod_.._x_y");
            assertThat(BundleKeys.segment("")).isEqualTo("_");
            assertThat(BundleKeys.segment(".")).isEqualTo("_.");
            assertThat(BundleKeys.segment("..")).isEqualTo("_..");
            assertThat(BundleKeys.segment("a".repeat(250))).hasSize(200);
            assertThat(BundleKeys.segment("a".repeat(200))).hasSize(200);
        }
    }

    @Nested
    class Locations {

        @Test
        void theTemplateIsFilledWithSafeSegmentsAndTheDate() {
            BundleLocation location = BundleLocation.expand("nightly/{scenario}/{date}/{runId}", "release test", "n1130", LocalDate.of(2026, 11, 30));

            assertThat(location.prefix()).isEqualTo("nightly/release_test/2026-11-30/n1130/");
            assertThat(location.key(BundleFile.text("run.log", ""))).isEqualTo("nightly/release_test/2026-11-30/n1130/run.log");
        }

        @Test
        void aTemplateWithoutTheRunIdOrWithAnUnknownFieldIsRefused() {
            LocalDate d = LocalDate.of(2026, 11, 30);
            assertThatThrownBy(() -> BundleLocation.expand("nightly/{scenario}/", "s", "r", d)).hasMessageContaining("has no {runId}");
            assertThatThrownBy(() -> BundleLocation.expand("nightly/{team}/{runId}/", "s", "r", d)).hasMessageContaining("unknown {field}");
            assertThatThrownBy(() -> BundleLocation.expand("nightly/{runId}/}", "s", "r", d)).hasMessageContaining("unknown {field}");
            assertThatThrownBy(() -> BundleLocation.expand("/abs/{runId}/", "s", "r", d)).hasMessageContaining("makes an unsafe key prefix");
        }

        @Test
        void eachAttemptHasItsOwnPrefixUnderTheRun() {
            BundleLocation run = new BundleLocation("nightly/s/r");

            assertThat(run.prefix()).isEqualTo("nightly/s/r/");
            assertThat(run.attempt(2).prefix()).isEqualTo("nightly/s/r/attempt-2/");
        }
    }

    @Nested
    class Attempts {

        @Test
        void theNextAttemptFollowsTheHighestEvenWithGaps() {
            assertThat(Attempt.next(List.of())).isEqualTo(1);
            assertThat(Attempt.next(List.of(new Attempt(3, Optional.empty()), new Attempt(1, Optional.of("PASSED"))))).isEqualTo(4);
        }

        @Test
        void attemptsAreNumberedFromOne() {
            assertThatThrownBy(() -> new Attempt(0, Optional.empty())).hasMessageContaining("numbered from 1, was 0");
            assertThat(new Attempt(1, Optional.empty()).number()).isEqualTo(1);
        }

        @Test
        void onlyAttemptSegmentsWithAPlainNumberAreAttempts() {
            assertThat(Attempt.numberOf("attempt-3")).contains(3);
            assertThat(Attempt.numberOf("attempt-999999")).contains(999999);
            assertThat(Attempt.numberOf("attempt-1000000")).as("seven digits").isEmpty();
            assertThat(Attempt.numberOf("attempt-")).isEmpty();
            assertThat(Attempt.numberOf("attempt-03")).isEmpty();
            assertThat(Attempt.numberOf("attempt-3a")).isEmpty();
            assertThat(Attempt.numberOf("try-3")).isEmpty();
        }
    }
}
