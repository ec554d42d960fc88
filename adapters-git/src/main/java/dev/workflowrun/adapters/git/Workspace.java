package dev.workflowrun.adapters.git;

import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The local bare repositories one fetch works in: the shallow one (cached per repository when a
 * cache directory is configured, temporary otherwise) and, only when needed, a temporary full
 * one. Temporary directories are deleted on close; a cached repository is locked while in use
 * so that two runs sharing a cache do not interleave their fetches.
 */
final class Workspace implements AutoCloseable {

    private final Repository shallow;
    private final Optional<FileLock> lock;
    private final List<Path> temporary = new ArrayList<>();
    private final List<Repository> open = new ArrayList<>();
    private final boolean cached;

    private Workspace(Repository shallow, Optional<FileLock> lock, boolean cached) {
        this.shallow = shallow;
        this.lock = lock;
        this.cached = cached;
        open.add(shallow);
    }

    static Workspace open(Optional<Path> cacheDir, String fetchUri) {
        try {
            if (cacheDir.isEmpty()) {
                Path dir = Files.createTempDirectory("workflow-run-git-");
                Workspace workspace = new Workspace(createBare(dir), Optional.empty(), false);
                workspace.temporary.add(dir);
                return workspace;
            }
            Files.createDirectories(cacheDir.get());
            String key = cacheKey(fetchUri);
            FileChannel channel = FileChannel.open(cacheDir.get().resolve(key + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            try {
                Path dir = cacheDir.get().resolve(key + ".git");
                Repository repository = Files.isRegularFile(dir.resolve("config")) ? FileRepositoryBuilder.create(dir.toFile()) : createBare(dir);
                return new Workspace(repository, Optional.of(lock), true);
            } catch (IOException | RuntimeException e) {
                lock.release();
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a local repository for " + fetchUri + " under "
                    + cacheDir.map(Path::toString).orElse("the temporary directory") + ": " + e.getMessage(), e);
        }
    }

    /** The repository fetched into with depth 1; may be a reused cache. */
    Repository shallow() {
        return shallow;
    }

    boolean cached() {
        return cached;
    }

    /** A fresh, temporary repository for a fetch without depth (never the cache, which may be shallow). */
    Repository fresh() {
        try {
            Path dir = Files.createTempDirectory("workflow-run-git-full-");
            temporary.add(dir);
            Repository repository = createBare(dir);
            open.add(repository);
            return repository;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary repository: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        open.forEach(Repository::close);
        lock.ifPresent(l -> {
            try {
                l.release();
                l.channel().close();
            } catch (IOException e) {
                // Closing the channel releases the lock anyway; nothing to do.
            }
        });
        for (Path dir : temporary) {
            try {
                FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
            } catch (IOException e) {
                // A leftover temporary directory is harmless and must not hide the fetch result.
            }
        }
    }

    private static Repository createBare(Path dir) throws IOException {
        Repository repository = FileRepositoryBuilder.create(dir.toFile());
        repository.create(true);
        // JGit may otherwise start a background gc after a fetch, racing the deletion of a
        // temporary repository; a one-commit repository never needs one.
        StoredConfig config = repository.getConfig();
        config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
        config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOPACKLIMIT, 0);
        config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
        config.save();
        return repository;
    }

    /** A readable, collision-safe directory name for a repository URL (which is credential-free here). */
    static String cacheKey(String fetchUri) {
        String readable = fetchUri.replaceFirst("^[A-Za-z][A-Za-z0-9+.-]*://", "").replaceAll("[^A-Za-z0-9._-]+", "-");
        readable = readable.replaceAll("^[-.]+|[-.]+$", "");
        if (readable.length() > 60) {
            readable = readable.substring(readable.length() - 60);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(fetchUri.getBytes(StandardCharsets.UTF_8));
            return readable + "-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
