package dev.workflowrun.domain.artifacts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The bytes of a bundle file, opened as a stream so large logs are never held in memory. */
public interface Content {

    InputStream open() throws IOException;

    long size();

    static Content ofUtf8(String text) {
        return ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static Content ofBytes(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new Content() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(copy);
            }

            @Override
            public long size() {
                return copy.length;
            }
        };
    }

    static Content ofFile(Path file) {
        return new Content() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public long size() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
