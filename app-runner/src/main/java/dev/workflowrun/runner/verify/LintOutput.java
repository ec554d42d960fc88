package dev.workflowrun.runner.verify;

import dev.workflowrun.domain.lint.FindingLines;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.runner.flags.Format;
import dev.workflowrun.runner.flags.StructuredOutput;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code lint} prints: each finding at its {@code file:line} (as compilers print theirs, so editors
 * and CI annotations can jump to it), then a line per file; or, with {@code -o json|yaml}, the same as data.
 */
public final class LintOutput {

    private record Located(Path file, int line, LintFinding finding) {
        String location() {
            return file + ":" + line;
        }
    }

    private record FileResult(Path file, String scenario, List<Located> findings) {
        long errors() {
            return findings.stream().filter(l -> l.finding().isError()).count();
        }

        long warnings() {
            return findings.size() - errors();
        }
    }

    private final List<FileResult> files = new ArrayList<>();

    public void add(Path file, String scenario, String text, List<LintFinding> findings) {
        files.add(new FileResult(file, scenario, findings.stream().map(f -> new Located(file, FindingLines.lineOf(f, text), f)).toList()));
    }

    public long errors() {
        return files.stream().mapToLong(FileResult::errors).sum();
    }

    public void write(Format format, PrintWriter out) {
        if (format.structured()) {
            StructuredOutput.write(format, model(), out);
            return;
        }
        for (FileResult r : files) {
            r.findings().forEach(l -> out.println(l.location() + ": " + l.finding()));
            out.println(r.file() + ": " + (r.errors() == 0 ? "ok" + (r.warnings() == 0 ? "" : ", " + r.warnings() + " warning(s)")
                    : r.errors() + " error(s), " + r.warnings() + " warning(s)"));
        }
        out.flush();
    }

    Map<String, Object> model() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (FileResult r : files) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("file", r.file().toString());
            file.put("scenario", r.scenario());
            file.put("errors", r.errors());
            file.put("warnings", r.warnings());
            file.put("findings", r.findings().stream().map(LintOutput::finding).toList());
            list.add(file);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errors", errors());
        m.put("warnings", files.stream().mapToLong(FileResult::warnings).sum());
        m.put("files", list);
        return m;
    }

    private static Map<String, Object> finding(Located l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("location", l.location());
        m.put("file", l.file().toString());
        m.put("line", l.line());
        m.put("severity", l.finding().severity().name().toLowerCase(Locale.ROOT));
        m.put("rule", l.finding().rule());
        m.put("message", l.finding().message());
        return m;
    }
}
