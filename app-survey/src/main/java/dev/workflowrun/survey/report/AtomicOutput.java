package dev.workflowrun.survey.report;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;

/**
 * Writes a set of files all or nothing: each file is written, as it is rendered, to a temporary sibling, and only when all
 * temporaries are complete are they renamed into place. On any failure every temporary is deleted and nothing is renamed.
 */
public final class AtomicOutput {

    /** A file's content, written to the writer it is given (buffered, UTF-8); the writer is closed by {@link AtomicOutput}. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer w) throws IOException;
    }

    private record File(Path path, Content content, boolean concurrently) {
    }

    private final List<File> files = new ArrayList<>();

    public AtomicOutput add(Path path, String content) {
        return add(path, w -> w.write(content));
    }

    public AtomicOutput add(Path path, Content content) {
        files.add(new File(path, content, false));
        return this;
    }

    /**
     * A file written on another thread while this one writes the others (a long report on another core). What goes wrong
     * there is thrown by {@link #commit} as if it had gone wrong on this thread.
     */
    public AtomicOutput addConcurrently(Path path, Content content) {
        files.add(new File(path, content, true));
        return this;
    }

    public void commit() throws IOException {
        List<Path[]> staged = new ArrayList<>();
        List<FutureTask<Void>> others = new ArrayList<>();
        try {
            for (File f : files) {
                Path target = f.path().toAbsolutePath().normalize();
                Files.createDirectories(target.getParent());
                if (Files.isDirectory(target)) {
                    throw new IOException(target + " is a directory; remove it or choose another --out");
                }
                // a sibling in the same directory, so the rename is atomic; created with the umask's permissions
                Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + staged.size() + ".tmp");
                Files.deleteIfExists(tmp);
                staged.add(new Path[]{tmp, target});
            }
            for (int i = 0; i < files.size(); i++) {
                if (files.get(i).concurrently()) {
                    Path tmp = staged.get(i)[0];
                    Content content = files.get(i).content();
                    FutureTask<Void> task = new FutureTask<>(() -> {
                        write(tmp, content);
                        return null;
                    });
                    others.add(task);
                    ForkJoinPool.commonPool().execute(task);
                }
            }
            for (int i = 0; i < files.size(); i++) {
                if (!files.get(i).concurrently()) {
                    write(staged.get(i)[0], files.get(i).content());
                }
            }
            for (FutureTask<Void> task : others) {
                joined(task);
            }
        } catch (IOException | RuntimeException | Error e) {
            // no temporary may be written to once it is deleted
            others.forEach(AtomicOutput::awaited);
            for (Path[] s : staged) {
                Files.deleteIfExists(s[0]);
            }
            throw e;
        }
        for (Path[] s : staged) {
            try {
                Files.move(s[0], s[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(s[0], s[1], StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void write(Path tmp, Content content) throws IOException {
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            content.writeTo(w);
        }
    }

    /** A file written on another thread, or what went wrong there, as if it had been written on this one. */
    private static void joined(FutureTask<Void> task) throws IOException {
        try {
            task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while a file was written on another thread");
        }
    }

    /** Waits until the task has finished, however it finished; the failure reported is the first one. */
    private static void awaited(FutureTask<Void> task) {
        boolean interrupted = false;
        while (!task.isDone()) {
            try {
                task.get();
            } catch (ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
