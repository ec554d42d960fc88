package dev.workflowrun.runner.verify;

import dev.workflowrun.domain.lint.LintScenario;
import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.runner.flags.Format;
import dev.workflowrun.runner.flags.UsageException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code lint} command's work: each scenario file read, linted under its scenario name, and the findings printed. */
public final class LintFiles {

    /** What to lint and how, as the command's options give it. */
    public record Request(List<Path> files, Optional<String> scenario, String namespace, Map<String, String> vars, String runIdVar,
                          String namespaceVar, Format output) {
    }

    private LintFiles() {
    }

    /** 0 without a lint error (warnings allowed), 2 otherwise; a file that cannot be read is a usage error. */
    public static int lint(LintScenario lint, Request request, PrintWriter out) {
        LintOutput report = new LintOutput();
        for (Path file : request.files()) {
            String template;
            try {
                template = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage());
            }
            String name = request.scenario().orElseGet(() -> scenarioName(file));
            report.add(file, name, template, lint.lint(name, template, request.namespace(), request.vars(), request.runIdVar(), request.namespaceVar()));
        }
        report.write(request.output(), out);
        return report.errors() == 0 ? ExitCode.PASSED.code() : ExitCode.INFRA_FAILED.code();
    }

    /** The file name without .yaml, or the folder's name for {@code .../<name>/workflow.yaml}. */
    static String scenarioName(Path file) {
        String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        if (base.equals("workflow") && file.toAbsolutePath().getParent() != null) {
            return file.toAbsolutePath().getParent().getFileName().toString();
        }
        return base;
    }
}
