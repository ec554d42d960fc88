package dev.workflowrun.survey.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicOutputTest {

    private static final String MEBIBYTE = "0123456789abcdef".repeat(64 * 1024);

    @TempDir
    Path tmp;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private long temporaryBytes() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            long bytes = 0;
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()) {
                bytes += Files.size(p);
            }
            return bytes;
        }
    }

    @Test
    void every_file_is_written_in_utf8_and_no_temporary_is_left() throws IOException {
        new AtomicOutput()
                .add(tmp.resolve("a.md"), "ä\n")
                .add(tmp.resolve("b.json"), w -> w.write("{ }\n"))
                .addConcurrently(tmp.resolve("c.html"), w -> w.write("<p>é</p>\n"))
                .commit();
        assertThat(names()).containsExactly("a.md", "b.json", "c.html");
        assertThat(tmp.resolve("a.md")).hasBinaryContent("ä\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(tmp.resolve("b.json")).content().isEqualTo("{ }\n");
        assertThat(tmp.resolve("c.html")).content().isEqualTo("<p>é</p>\n");
    }

    @Test
    void a_file_is_on_disk_while_it_is_rendered_not_held_whole_in_memory() throws IOException {
        long[] onDisk = new long[2];
        new AtomicOutput()
                .add(tmp.resolve("big.md"), w -> {
                    for (int i = 0; i < 4; i++) {
                        w.write(MEBIBYTE);
                    }
                    onDisk[0] = temporaryBytes();
                })
                .addConcurrently(tmp.resolve("big.html"), w -> {
                    for (int i = 0; i < 4; i++) {
                        w.write(MEBIBYTE);
                    }
                    onDisk[1] = temporaryBytes();
                })
                .commit();
        // the writer buffers a few kilobytes at most: all but those are in the temporary before the renderer returns
        assertThat(onDisk[0]).isGreaterThan(3L * MEBIBYTE.length());
        assertThat(onDisk[1]).isGreaterThan(3L * MEBIBYTE.length());
        assertThat(tmp.resolve("big.md")).hasSize(4L * MEBIBYTE.length());
        assertThat(names()).containsExactly("big.html", "big.md");
    }

    @Test
    void a_renderer_failing_midway_leaves_no_file_no_temporary_and_the_old_files_untouched() throws IOException {
        Files.writeString(tmp.resolve("a.md"), "old\n");
        AtomicOutput output = new AtomicOutput()
                .add(tmp.resolve("a.md"), "new\n")
                .add(tmp.resolve("b.json"), w -> {
                    w.write(MEBIBYTE);
                    throw new IOException("disk full");
                })
                .addConcurrently(tmp.resolve("c.html"), w -> w.write(MEBIBYTE));
        assertThatThrownBy(output::commit).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(names()).containsExactly("a.md");
        assertThat(tmp.resolve("a.md")).content().isEqualTo("old\n");
    }

    @Test
    void what_fails_on_the_other_thread_is_thrown_as_if_here_and_nothing_is_written() throws IOException {
        IllegalStateException bug = new IllegalStateException("a bug in the page");
        AtomicOutput failing = new AtomicOutput()
                .add(tmp.resolve("a.md"), w -> w.write(MEBIBYTE))
                .addConcurrently(tmp.resolve("c.html"), w -> {
                    w.write(MEBIBYTE);
                    throw bug;
                });
        assertThatThrownBy(failing::commit).isSameAs(bug);
        assertThat(names()).isEmpty();

        OutOfMemoryError error = new OutOfMemoryError("Java heap space");
        AtomicOutput erring = new AtomicOutput().addConcurrently(tmp.resolve("c.html"), w -> {
            throw error;
        });
        assertThatThrownBy(erring::commit).isSameAs(error);
        assertThat(names()).isEmpty();

        AtomicOutput unwritable = new AtomicOutput().addConcurrently(tmp.resolve("c.html"), w -> {
            throw new IOException("no space left on device");
        });
        assertThatThrownBy(unwritable::commit).isInstanceOf(IOException.class).hasMessage("no space left on device");
        assertThat(names()).isEmpty();
    }

    @Test
    void a_target_that_is_a_directory_fails_before_anything_is_written() throws IOException {
        Files.createDirectories(tmp.resolve("c.html"));
        AtomicOutput output = new AtomicOutput()
                .add(tmp.resolve("a.md"), "a\n")
                .addConcurrently(tmp.resolve("c.html"), w -> w.write("page"));
        assertThatThrownBy(output::commit).isInstanceOf(IOException.class).hasMessageContaining("is a directory");
        assertThat(names()).containsExactly("c.html");
    }
}
