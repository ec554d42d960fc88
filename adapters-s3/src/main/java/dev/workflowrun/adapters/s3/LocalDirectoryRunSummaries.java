package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.artifacts.Attempt;
import dev.workflowrun.domain.history.HistoryException;
import dev.workflowrun.domain.history.ReadRunSummariesPort;
import dev.workflowrun.domain.history.StoredSummary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code run.json} files of a directory with the bucket's layout (the sandbox's {@code ./runs}, a
 * fallback directory). The walk never descends into an attempt's directory beyond its {@code run.json}
 * (logs can be many files) and follows no symbolic link.
 */
final class LocalDirectoryRunSummaries implements ReadRunSummariesPort {

    static final int PAGE = 1000;
    private static final long MAX_BYTES = 4L * 1024 * 1024;

    private final Path root;

    LocalDirectoryRunSummaries(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void listSummaries(String prefix, Consumer<List<StoredSummary>> page) {
        Path start = prefix.isEmpty() ? root : root.resolve(prefix).normalize();
        if (!start.startsWith(root)) {
            throw new HistoryException("the prefix '" + prefix + "' leads outside " + root);
        }
        if (!Files.isDirectory(start)) {
            throw new HistoryException("there is no directory " + start + "; pass the directory runs are published to (e.g. ./runs)");
        }
        List<StoredSummary> current = new ArrayList<>(PAGE);
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(start)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (Attempt.numberOf(dir.getFileName().toString()).isPresent()) {
                        Path summary = dir.resolve(StoredSummary.FILE);
                        try {
                            BasicFileAttributes file = Files.readAttributes(summary, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                            if (file.isRegularFile()) {
                                current.add(new StoredSummary(root.relativize(summary).toString().replace('\\', '/'), file.lastModifiedTime().toInstant()));
                                if (current.size() == PAGE) {
                                    page.accept(List.copyOf(current));
                                    current.clear();
                                }
                            }
                        } catch (IOException noSummary) {
                            // An attempt cut short before it wrote run.json: not a run to count.
                        }
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new HistoryException("cannot list " + start + ": " + e.getMessage(), e);
        }
        if (!current.isEmpty()) {
            page.accept(List.copyOf(current));
        }
    }

    @Override
    public String read(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new HistoryException(key + " leads outside " + root);
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new HistoryException(file + " is larger than " + MAX_BYTES + " bytes; not a run.json the runner wrote");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HistoryException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
