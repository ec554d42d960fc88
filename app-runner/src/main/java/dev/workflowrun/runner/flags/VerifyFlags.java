package dev.workflowrun.runner.flags;

import dev.workflowrun.domain.verify.VerifyReport;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** The {@code verify} command's own options: where vendored files are, how many rows to show, offline or not, and the output format. */
public final class VerifyFlags {

    @Option(names = "--base-dir", paramLabel = "<dir>", description = "Where vendored files of --expect-file-match are read from."
            + " Default: the current directory.")
    Optional<Path> baseDir;

    @Option(names = "--rows", paramLabel = "<n>", defaultValue = "" + VerifyReport.DEFAULT_ROWS_SHOWN,
            description = "Rows that hold, warn or are skipped shown in the table (broken rows are always shown; the rest are counted)."
                    + " Default: ${DEFAULT-VALUE}.")
    int rowsShown;

    @Option(names = "--offline", description = "Fetch nothing: check only what needs no git (see above); the other rules are skipped.")
    boolean offline;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json|yaml", defaultValue = "text",
            description = "text (the table), or json/yaml: every row with its verdict, the counts and the exit code. Default: ${DEFAULT-VALUE}.")
    Format output;

    public Optional<Path> baseDir() {
        return baseDir;
    }

    /** {@code --rows}, refused when negative. */
    public int rowsShown() {
        if (rowsShown < 0) {
            throw new UsageException("--rows must be 0 or more, got " + rowsShown);
        }
        return rowsShown;
    }

    public boolean offline() {
        return offline;
    }

    public Format output() {
        return output;
    }
}
