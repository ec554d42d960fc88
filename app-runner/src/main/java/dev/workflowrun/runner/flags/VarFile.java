package dev.workflowrun.runner.flags;

import dev.workflowrun.domain.text.Printable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code --var-file}: one {@code NAME=VALUE} a line, {@code #} comments and blank lines
 * ignored, no quoting and no expansion (the value is everything after the first {@code =}). This
 * is how secret-typed values reach a run: from a mounted Secret, never from a flag on the command line.
 */
public final class VarFile {

    private static byte[] readBounded(InputStream stdin, Duration bound, String shown) {
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return stdin.readNBytes(MAX_BYTES + 1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, runnable -> {
            Thread reader = new Thread(runnable, "workflow-run-var-file");
            reader.setDaemon(true);
            reader.start();
        });
        try {
            return read.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new UsageException("--var-file " + shown + ": standard input gave no end of file within " + bound.toSeconds()
                    + "s; pipe the values in (workflow-run ... --var-file=- < values.env) or name a regular file");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("--var-file " + shown + ": interrupted while reading standard input");
        } catch (ExecutionException e) {
            throw new UsageException("cannot read --var-file " + shown + " (" + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private VarFile() {
    }

    /** The most a var file may hold: a few hundred short values, not a data set. */
    static final int MAX_BYTES = 1024 * 1024;
    /** How long standard input ({@code -}) may take to deliver the values. */
    static final Duration STDIN_BOUND = Duration.ofSeconds(10);

    public static Map<String, String> read(Path file) {
        return read(file, System.in, STDIN_BOUND);
    }

    /**
     * Only a regular file (a mounted Secret's symlink to one included) or {@code -} for standard input is read:
     * a FIFO with no writer, a device or a directory would block or flood the run before it starts.
     */
    static Map<String, String> read(Path file, InputStream stdin, Duration bound) {
        String shown = Printable.of(file.toString());
        byte[] bytes;
        if (file.toString().equals("-")) {
            bytes = readBounded(stdin, bound, shown);
        } else {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new UsageException("cannot read --var-file " + shown + " (" + e.getClass().getSimpleName()
                        + "); give a readable file of NAME=VALUE lines");
            }
            if (!attributes.isRegularFile()) {
                throw new UsageException("--var-file " + shown + " is " + (attributes.isDirectory() ? "a directory" : "not a regular file (a FIFO, socket or device)")
                        + "; only a regular file of NAME=VALUE lines is read, or - for standard input");
            }
            if (attributes.size() > MAX_BYTES) {
                throw new UsageException("--var-file " + shown + " is " + attributes.size() + " bytes; at most " + MAX_BYTES
                        + " are read: give a file of NAME=VALUE lines");
            }
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(MAX_BYTES + 1);
            } catch (IOException e) {
                throw new UsageException("cannot read --var-file " + shown + " (" + e.getClass().getSimpleName()
                        + "); give a readable file of NAME=VALUE lines");
            }
        }
        if (bytes.length > MAX_BYTES) {
            throw new UsageException("--var-file " + shown + " holds more than " + MAX_BYTES + " bytes; give a file of NAME=VALUE lines");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UsageException("--var-file " + shown + " is not UTF-8 text; give a file of NAME=VALUE lines");
        }
        List<String> lines = text.lines().toList();
        Map<String, String> values = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark some editors write
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String name = eq < 0 ? line.strip() : line.substring(0, eq).strip();
            if (name.startsWith("export ")) {
                name = name.substring("export ".length()).strip();
            }
            // The value is never echoed: the file may hold secrets.
            if (eq < 0 || !NAME.matcher(name).matches()) {
                throw new UsageException("--var-file " + shown + " line " + lineNo + " is not NAME=VALUE; write one variable a line, e.g. SEID_IMAGE=ghcr.io/org/seid:v1");
            }
            if (values.put(name, line.substring(eq + 1)) != null) {
                throw new UsageException("--var-file " + shown + " sets " + name + " twice (line " + lineNo + "); keep one");
            }
        }
        return values;
    }
}
