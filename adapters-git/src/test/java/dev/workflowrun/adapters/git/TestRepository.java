package dev.workflowrun.adapters.git;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A bare repository built object by object, so tests control every entry (symbolic links with
 * any target included) without a work tree or a git binary.
 */
final class TestRepository implements AutoCloseable {

    private final Path dir;
    private final Repository repository;
    private int clock;

    private TestRepository(Path dir, Repository repository) {
        this.dir = dir;
        this.repository = repository;
    }

    /** A new bare repository at {@code base/name} whose HEAD is {@code refs/heads/main}. */
    static TestRepository create(Path base, String name) throws IOException {
        Path dir = base.resolve(name);
        Repository repository = FileRepositoryBuilder.create(dir.toFile());
        repository.create(true);
        repository.updateRef(Constants.HEAD).link("refs/heads/main");
        return new TestRepository(dir, repository);
    }

    Repository repository() {
        return repository;
    }

    Path dir() {
        return dir;
    }

    String fileUri() {
        return dir.toUri().toString().replaceFirst("^file:/+", "file:///");
    }

    /** One entry of a tree: a regular file or a symbolic link. */
    record Entry(byte[] content, FileMode mode) {
        static Entry file(String text) {
            return new Entry(text.getBytes(StandardCharsets.UTF_8), FileMode.REGULAR_FILE);
        }

        static Entry bytes(byte[] content) {
            return new Entry(content, FileMode.REGULAR_FILE);
        }

        static Entry link(String target) {
            return new Entry(target.getBytes(StandardCharsets.UTF_8), FileMode.SYMLINK);
        }
    }

    /** Commits exactly these entries (the whole tree) on top of the branch and moves the branch. */
    ObjectId commit(String branch, String message, Map<String, Entry> entries) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            for (Map.Entry<String, Entry> e : new TreeMap<>(entries).entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(e.getValue().mode());
                entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, e.getValue().content()));
                builder.add(entry);
            }
            builder.finish();
            ObjectId tree = index.writeTree(inserter);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            tip(branch).ifPresent(commit::setParentId);
            PersonIdent ident = ident();
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage(message + "\n");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            setRef("refs/heads/" + branch, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void lightweightTag(String name, ObjectId target) {
        setRef("refs/tags/" + name, target);
    }

    ObjectId annotatedTag(String name, ObjectId commit) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            TagBuilder tag = new TagBuilder();
            tag.setObjectId(commit, Constants.OBJ_COMMIT);
            tag.setTag(name);
            tag.setTagger(ident());
            tag.setMessage("release " + name + "\n");
            ObjectId id = inserter.insert(tag);
            inserter.flush();
            setRef("refs/tags/" + name, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<ObjectId> tip(String branch) {
        try {
            return Optional.ofNullable(repository.exactRef("refs/heads/" + branch)).map(r -> r.getObjectId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void setRef(String name, ObjectId id) {
        try {
            RefUpdate update = repository.updateRef(name);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE
                    || result == RefUpdate.Result.REJECTED) {
                throw new IllegalStateException("cannot set " + name + ": " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deterministic, distinct timestamps so commit ids do not depend on when the test runs. */
    private PersonIdent ident() {
        clock++;
        return new PersonIdent("Scenario Author", "author@example.org",
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(clock), ZoneOffset.UTC);
    }

    @Override
    public void close() {
        repository.close();
    }
}
