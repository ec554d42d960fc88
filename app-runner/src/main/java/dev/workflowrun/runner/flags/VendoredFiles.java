package dev.workflowrun.runner.flags;

import dev.workflowrun.domain.text.Printable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the vendored side of {@code --expect-file-match}, confined to a base directory. The flag
 * comes from a manifest under review, so its path is hostile input: an absolute path, a {@code ..}
 * or a link leading out of the base directory would let a manifest make the runner read (and a
 * diff print) any file the runner can read, a kubeconfig or a mounted token. Links are followed
 * first and the real path must still lie inside the real base directory.
 */
final class VendoredFiles {

    /** The same per-file limit the git source applies to files at the ref. */
    static final long MAX_BYTES = 1024L * 1024L;

    private VendoredFiles() {
    }

    static String read(Path baseDir, String given) {
        String shown = Printable.of(given);
        String rule = "--expect-file-match: the vendored file '" + shown + "' ";
        String fix = "; give a path relative to the base directory " + Printable.of(baseDir.toString())
                + " that stays inside it, e.g. vendor/rbac.yaml (verify: set --base-dir to the directory that holds the vendored files)";
        if (given.isBlank()) {
            throw new UsageException(rule + "is empty" + fix);
        }
        if (given.startsWith("/") || given.startsWith("\\") || given.startsWith("~") || given.matches("^[A-Za-z]:.*")) {
            throw new UsageException(rule + "is absolute; vendored files are read only inside the base directory" + fix);
        }
        for (String segment : given.split("[/\\\\]")) {
            if (segment.equals("..")) {
                throw new UsageException(rule + "contains '..'; vendored files are read only inside the base directory" + fix);
            }
        }
        for (int i = 0; i < given.length(); i++) {
            if (Character.isISOControl(given.charAt(i))) {
                throw new UsageException(rule + "contains a control character" + fix);
            }
        }
        Path realBase;
        try {
            realBase = baseDir.toRealPath();
        } catch (IOException e) {
            throw new UsageException("--expect-file-match: the base directory " + Printable.of(baseDir.toString())
                    + " cannot be read (" + e.getClass().getSimpleName() + "); pass an existing directory as --base-dir");
        }
        Path real;
        try {
            real = realBase.resolve(given).toRealPath();
        } catch (InvalidPathException e) {
            throw new UsageException(rule + "is not a valid path" + fix);
        } catch (NoSuchFileException e) {
            throw new UsageException(rule + "does not exist under the base directory (or is a link to nothing)" + fix);
        } catch (IOException e) {
            throw new UsageException(rule + "cannot be read (" + e.getClass().getSimpleName() + ")" + fix);
        }
        if (!real.startsWith(realBase)) {
            // The target is not named: it is outside, and where it leads is none of the report's business.
            throw new UsageException(rule + "leads outside the base directory through a symbolic link; vendored files are read"
                    + " only inside it" + fix + " (copy the file in instead of linking it)");
        }
        if (!Files.isRegularFile(real)) {
            throw new UsageException(rule + "is not a regular file (a directory, device or pipe)" + fix);
        }
        try {
            long size = Files.size(real);
            if (size > MAX_BYTES) {
                throw new UsageException(rule + "is " + size + " bytes, above the limit of " + MAX_BYTES
                        + " bytes for a vendored file; is the path right?");
            }
            byte[] bytes = Files.readAllBytes(real);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(rule + "is not UTF-8 text; is the path right?");
        } catch (IOException e) {
            throw new UsageException(rule + "cannot be read (" + e.getClass().getSimpleName() + "); check its permissions");
        }
    }
}
