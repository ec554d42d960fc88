package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.artifacts.AlreadyPublished;
import dev.workflowrun.domain.artifacts.Attempt;
import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.artifacts.PublishException;
import dev.workflowrun.domain.artifacts.PublishedBundle;
import dev.workflowrun.domain.artifacts.RunBundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes a bundle into a directory with the same layout as the bucket: {@code root/prefix/name}. Used for the
 * sandbox and as the fallback when the bucket cannot take the bundle, so it must not lose or half-write anything:
 * each file is written to a temporary sibling, synced, then atomically renamed into place.
 */
final class LocalDirectoryArtifactStore implements PublishArtifactsPort {

    private final Path root;

    LocalDirectoryArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    @Override
    public PublishedBundle publish(BundleLocation location, RunBundle bundle) {
        Path realRoot;
        try {
            Files.createDirectories(root);
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new PublishException("cannot create the bundle directory " + root + ": " + describe(e)
                    + ". Pass a writable directory", e);
        }
        Path runDir = realRoot.resolve(location.prefix()).normalize();
        claim(realRoot, runDir);
        long bytes = 0;
        int files = 0;
        for (BundleFile file : bundle.files()) {
            bytes += write(realRoot, runDir, file);
            files++;
        }
        return new PublishedBundle(runDir.toString(), files, bytes);
    }

    @Override
    public String toString() {
        return "local directory " + root;
    }

    private long write(Path realRoot, Path runDir, BundleFile file) {
        Path target = runDir.resolve(file.name()).normalize();
        if (!target.startsWith(runDir)) {
            throw new PublishException("refusing to write bundle file '" + file.name() + "' outside " + runDir);
        }
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
        try {
            createInside(dir, realRoot, file);
            long size = file.content().size();
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 InputStream in = new ContentSlice(file.content(), 0, size).open()) {
                OutputStream out = Channels.newOutputStream(channel);
                long copied = in.transferTo(out);
                if (copied != size) {
                    throw new IOException("copied " + copied + " bytes, expected " + size);
                }
                channel.force(true);
            }
            // A hard link appears whole or not at all, and never replaces what is there: nothing published is overwritten.
            try {
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                throw new AlreadyPublished(target + " exists already; it is left as it is", e);
            } finally {
                Files.deleteIfExists(temp);
            }
            return size;
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            if (e instanceof PublishException publish) {
                throw publish;
            }
            throw new PublishException("cannot write bundle file " + target + ": " + describe(e)
                    + ". Check free space and permissions of " + root, e);
        }
    }

    /**
     * Takes the attempt's directory for this publication: creating it is atomic, so two runs of the
     * same run id never write into one attempt; one that exists belongs to another attempt.
     */
    private static void claim(Path realRoot, Path runDir) {
        try {
            Path parent = runDir.getParent();
            Path existing = parent;
            while (!Files.isDirectory(existing)) {
                existing = existing.getParent();
            }
            if (!existing.toRealPath().startsWith(realRoot)) {
                throw new PublishException("refusing to publish under " + runDir + ": " + existing + " resolves outside the store's root "
                        + realRoot + ". Remove the symbolic link or choose another directory");
            }
            Files.createDirectories(parent);
            if (!parent.toRealPath().startsWith(realRoot)) {
                throw new PublishException("refusing to publish under " + runDir + ": it resolves outside the store's root " + realRoot);
            }
            Files.createDirectory(runDir);
        } catch (FileAlreadyExistsException e) {
            throw new AlreadyPublished(runDir + " exists already (another attempt of this run); it is left as it is", e);
        } catch (IOException e) {
            throw new PublishException("cannot create " + runDir + ": " + describe(e) + ". Check free space and permissions of " + realRoot, e);
        }
    }

    @Override
    public List<Attempt> attempts(BundleLocation run) {
        Path runDir = root.resolve(run.prefix()).normalize();
        if (!runDir.startsWith(root) || !Files.isDirectory(runDir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Attempt> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(runDir)) {
            for (Path entry : entries) {
                Optional<Integer> number = Attempt.numberOf(entry.getFileName().toString());
                if (number.isPresent() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(new Attempt(number.get(), RunJsonOutcome.of(entry.resolve("run.json"))));
                }
            }
        } catch (IOException e) {
            throw new PublishException("cannot list the attempts in " + runDir + ": " + describe(e), e);
        }
        found.sort(java.util.Comparator.comparingInt(Attempt::number));
        return found;
    }

    /**
     * Creates the file's directory, but only inside the root: a symbolic link inside the root could point anywhere,
     * so the deepest existing ancestor is resolved before anything is created, and the result after.
     */
    private static void createInside(Path dir, Path realRoot, BundleFile file) throws IOException {
        Path existing = dir;
        while (!Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        requireInside(existing, realRoot, file);
        Files.createDirectories(dir);
        requireInside(dir, realRoot, file);
    }

    private static void requireInside(Path dir, Path realRoot, BundleFile file) throws IOException {
        Path real = dir.toRealPath();
        if (!real.startsWith(realRoot)) {
            throw new PublishException("refusing to write bundle file '" + file.name() + "': " + dir + " resolves to "
                    + real + ", outside the store's root " + realRoot + ". Remove the symbolic link or choose another directory");
        }
    }

    private static void deleteQuietly(Path temp, Exception failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
