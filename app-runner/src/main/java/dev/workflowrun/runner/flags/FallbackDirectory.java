package dev.workflowrun.runner.flags;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The default fallback directory, under the shared temporary directory where anyone may plant a name
 * first: created owner-only ({@code rwx------}) without following a link, and used only when it is a real
 * directory of this user that nobody else can write. Otherwise a fresh private directory is used instead,
 * and the user is told why.
 */
final class FallbackDirectory {

    static final String NAME = "workflow-run-fallback";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private FallbackDirectory() {
    }

    static Path under(Path tmp, Consumer<String> notice) {
        Path dir = tmp.resolve(NAME);
        try {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                return dir;
            } catch (FileAlreadyExistsException e) {
                String why = unsafe(dir);
                if (why.isEmpty()) {
                    return dir;
                }
                Path own = Files.createTempDirectory(tmp, NAME + "-");
                notice.accept("the default fallback directory " + dir + " " + why + "; using " + own
                        + " instead (pass --fallback-dir to choose one)");
                return own;
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir); // not a POSIX file system: the plain directory
                return dir;
            }
        } catch (IOException e) {
            notice.accept("cannot prepare the default fallback directory " + dir + " (" + e.getMessage() + "); pass --fallback-dir");
            return dir;
        }
    }

    /** Why an existing directory must not be used; empty when it is this user's own, private, real directory. */
    private static String unsafe(Path dir) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return Files.isSymbolicLink(dir) ? "is a symbolic link" : "";
        }
        if (attributes.isSymbolicLink()) {
            return "is a symbolic link (to " + Files.readSymbolicLink(dir) + "), which is not followed";
        }
        if (!attributes.isDirectory()) {
            return "is not a directory";
        }
        String me = System.getProperty("user.name");
        if (!attributes.owner().getName().equals(me)) {
            return "belongs to " + attributes.owner().getName() + ", not to " + me;
        }
        Set<PosixFilePermission> others = EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        others.retainAll(attributes.permissions());
        if (!others.isEmpty()) {
            // Our own directory, only too open: close it rather than give it up.
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
        }
        return "";
    }
}
