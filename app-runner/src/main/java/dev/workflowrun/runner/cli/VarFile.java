package dev.workflowrun.runner.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code --var-file}: one {@code NAME=VALUE} a line, {@code #} comments and blank lines
 * ignored, no quoting and no expansion (the value is everything after the first {@code =}). This
 * is how secret-typed values reach a run: from a mounted Secret, never from a flag on the command line.
 */
public final class VarFile {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private VarFile() {
    }

    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read --var-file " + file + " (" + e.getClass().getSimpleName()
                    + "); give a readable file of NAME=VALUE lines");
        }
        Map<String, String> values = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : lines) {
            lineNo++;
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String name = eq < 0 ? line.strip() : line.substring(0, eq).strip();
            if (name.startsWith("export ")) {
                name = name.substring("export ".length()).strip();
            }
            // The value is never echoed: the file may hold secrets.
            if (eq < 0 || !NAME.matcher(name).matches()) {
                throw new UsageException("--var-file " + file + " line " + lineNo + " is not NAME=VALUE; write one variable a line, e.g. SEID_IMAGE=ghcr.io/org/seid:v1");
            }
            if (values.put(name, line.substring(eq + 1)) != null) {
                throw new UsageException("--var-file " + file + " sets " + name + " twice (line " + lineNo + "); keep one");
            }
        }
        return values;
    }
}
