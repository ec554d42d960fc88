package dev.workflowrun.survey.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a set of files all or nothing: every file is rendered before this is called, written to a
 * temporary sibling, and only when all temporaries exist are they renamed into place.
 */
public final class AtomicOutput {

    private final Map<Path, String> files = new LinkedHashMap<>();

    public AtomicOutput add(Path path, String content) {
        files.put(path, content);
        return this;
    }

    public void commit() throws IOException {
        List<Path[]> staged = new ArrayList<>();
        try {
            for (Map.Entry<Path, String> e : files.entrySet()) {
                Path target = e.getKey().toAbsolutePath().normalize();
                Files.createDirectories(target.getParent());
                if (Files.isDirectory(target)) {
                    throw new IOException(target + " is a directory; remove it or choose another --out");
                }
                // a sibling in the same directory, so the rename is atomic; created with the umask's permissions
                Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + staged.size() + ".tmp");
                Files.deleteIfExists(tmp);
                staged.add(new Path[]{tmp, target});
                Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
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
}
