package dev.workflowrun.adapters.git;

import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.scenario.ScenarioFetchException.Reason;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads files of one commit straight from its tree (no checkout), so nothing outside the
 * repository is ever touched. Symbolic links are followed the way a checkout would follow them,
 * but only while they stay inside the repository; one that leaves it is refused.
 */
final class CommitFiles {

    /** More hops than any sane layout needs; beyond it the links form a loop. */
    private static final int MAX_LINK_HOPS = 32;
    private static final int MAX_LINK_TARGET_BYTES = 4096;
    private static final int MAX_LISTED_SIBLINGS = 20;

    private final ObjectReader reader;
    private final RevCommit commit;
    private final long maxFileBytes;
    private final String origin;
    private final String ref;

    CommitFiles(ObjectReader reader, RevCommit commit, long maxFileBytes, String origin, String ref) {
        this.reader = reader;
        this.commit = commit;
        this.maxFileBytes = maxFileBytes;
        this.origin = origin;
        this.ref = ref;
    }

    /** The text of a file; refuses a missing path, a directory, an oversized file and a link escape. */
    String read(String path) {
        Entry entry = resolve(path).orElseThrow(() -> notFound(path, "does not exist"));
        if (entry.mode() == FileMode.TREE) {
            throw notFound(path, "is a directory, not a file");
        }
        if (entry.mode() == FileMode.GITLINK) {
            throw notFound(path, "is a submodule, whose content is not part of this repository");
        }
        try {
            long size = reader.getObjectSize(entry.id(), Constants.OBJ_BLOB);
            if (size > maxFileBytes) {
                throw new ScenarioFetchException(Reason.TOO_LARGE, "file '" + path + "' at commit " + commit.name()
                        + " of " + origin + " is " + size + " bytes, above the limit of " + maxFileBytes
                        + " bytes per file; point at the intended file, or raise the git per-file size limit if it is legitimate");
            }
            byte[] bytes = reader.open(entry.id(), Constants.OBJ_BLOB).getCachedBytes((int) maxFileBytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + path + "' at commit " + commit.name() + " of " + origin, e);
        }
    }

    /** Every file under a directory, keyed by repository-relative path; empty when there is no such directory. */
    Optional<Map<String, String>> readFolder(String dir) {
        Optional<Entry> entry = resolve(dir);
        if (entry.isEmpty() || entry.get().mode() != FileMode.TREE) {
            return Optional.empty();
        }
        Map<String, String> files = new LinkedHashMap<>();
        try (TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(entry.get().id());
            walk.setRecursive(true);
            while (walk.next()) {
                if (walk.getFileMode(0) == FileMode.GITLINK) {
                    continue; // a submodule has no content here
                }
                String path = dir + "/" + walk.getPathString();
                files.put(path, read(path)); // through read() so nested links are checked too
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list '" + dir + "' at commit " + commit.name() + " of " + origin, e);
        }
        return Optional.of(files);
    }

    private record Entry(ObjectId id, FileMode mode) {
    }

    /** Walks the path one segment at a time so that a link anywhere along it is seen and followed. */
    private Optional<Entry> resolve(String requested) {
        List<String> segments = segments(requested);
        try {
            for (int hops = 0; ; hops++) {
                if (segments.isEmpty()) {
                    return Optional.of(new Entry(commit.getTree(), FileMode.TREE));
                }
                List<String> followed = null;
                for (int i = 0; i < segments.size(); i++) {
                    String prefix = String.join("/", segments.subList(0, i + 1));
                    try (TreeWalk walk = TreeWalk.forPath(reader, prefix, commit.getTree())) {
                        if (walk == null) {
                            return Optional.empty();
                        }
                        FileMode mode = walk.getFileMode(0);
                        if (mode == FileMode.SYMLINK) {
                            if (hops >= MAX_LINK_HOPS) {
                                throw unsafe(requested, "follows more than " + MAX_LINK_HOPS + " symbolic links (a link loop?)");
                            }
                            String target = linkTarget(walk.getObjectId(0));
                            followed = follow(requested, prefix, segments.subList(0, i), target, segments.subList(i + 1, segments.size()));
                            break;
                        }
                        if (i == segments.size() - 1) {
                            return Optional.of(new Entry(walk.getObjectId(0), mode));
                        }
                        if (mode != FileMode.TREE) {
                            return Optional.empty(); // a file where a directory was expected
                        }
                    }
                }
                segments = followed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read '" + requested + "' at commit " + commit.name() + " of " + origin, e);
        }
    }

    private List<String> follow(String requested, String link, List<String> parent, String target, List<String> rest) {
        if (target.startsWith("/") || target.startsWith("\\") || target.matches("^[A-Za-z]:.*")) {
            throw unsafe(requested, "goes through the symbolic link '" + link + "' -> '" + target
                    + "', an absolute path outside the repository");
        }
        Deque<String> resolved = new ArrayDeque<>(parent);
        List<String> combined = new ArrayList<>(Arrays.asList(target.split("/")));
        combined.addAll(rest);
        for (String segment : combined) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (resolved.isEmpty()) {
                    throw unsafe(requested, "goes through the symbolic link '" + link + "' -> '" + target
                            + "', which points outside the repository");
                }
                resolved.removeLast();
            } else {
                resolved.addLast(segment);
            }
        }
        return new ArrayList<>(resolved);
    }

    private String linkTarget(ObjectId id) throws IOException {
        if (reader.getObjectSize(id, Constants.OBJ_BLOB) > MAX_LINK_TARGET_BYTES) {
            throw new ScenarioFetchException(Reason.UNSAFE_PATH, "a symbolic link at commit " + commit.name() + " of "
                    + origin + " has a target longer than " + MAX_LINK_TARGET_BYTES + " bytes");
        }
        return new String(reader.open(id, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
    }

    private ScenarioFetchException unsafe(String path, String why) {
        return new ScenarioFetchException(Reason.UNSAFE_PATH, "path '" + path + "' at commit " + commit.name() + " of "
                + origin + " " + why + "; scenario files must live inside the repository");
    }

    private ScenarioFetchException notFound(String path, String what) {
        return new ScenarioFetchException(Reason.PATH_NOT_FOUND, "path '" + path + "' " + what + " at commit "
                + commit.name() + " (ref '" + ref + "') of " + origin + "; " + nearby(path)
                + ". Fix the path, or pick a ref whose commit has it");
    }

    /** What the parent directory holds, so a typo is obvious from the message alone. */
    private String nearby(String path) {
        int slash = path.lastIndexOf('/');
        String parent = slash < 0 ? "" : path.substring(0, slash);
        String shown = parent.isEmpty() ? "the repository root" : "'" + parent + "/'";
        try {
            Optional<Entry> dir = resolve(parent);
            if (dir.isEmpty() || dir.get().mode() != FileMode.TREE) {
                return "directory " + shown + " does not exist there either";
            }
            List<String> names = new ArrayList<>();
            int total = 0;
            try (TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(dir.get().id());
                while (walk.next()) {
                    total++;
                    if (names.size() < MAX_LISTED_SIBLINGS) {
                        names.add(walk.getPathString() + (walk.getFileMode(0) == FileMode.TREE ? "/" : ""));
                    }
                }
            }
            if (names.isEmpty()) {
                return shown + " is empty";
            }
            return shown + " holds: " + String.join(", ", names) + (total > names.size() ? ", ..." : "");
        } catch (IOException | RuntimeException e) {
            return "its directory could not be listed";
        }
    }

    private static List<String> segments(String path) {
        List<String> result = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                result.add(segment);
            }
        }
        return result;
    }
}
