package dev.workflowrun.adapters.s3;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
            Files.createDirectories(dir);
            // A symbolic link inside the root could point anywhere; what counts is where the bytes would land.
            if (!dir.toRealPath().startsWith(realRoot)) {
                throw new PublishException("refusing to write bundle file '" + file.name() + "': its directory " + dir
                        + " resolves to " + dir.toRealPath() + ", outside the store's root " + realRoot
                        + ". Remove the symbolic link or choose another directory");
            }
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
            // The rename replaces a link or an earlier copy of the file itself, never what a link points to.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
