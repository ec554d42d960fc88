package dev.workflowrun.runner.report;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.Content;
import dev.workflowrun.domain.report.RunRecord;
import dev.workflowrun.domain.report.RunReport;
import dev.workflowrun.domain.report.RunReports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The reports in every bundle: {@code index.html}, the page people read in the morning, and
 * {@code junit.xml}, for CI test reporters. Both are made from the run's record (the result
 * {@code run.json} is written from) and the captured {@code workflow-tree.yaml}; neither asks the
 * cluster anything.
 */
public final class BundleReports implements RunReports {

    public static final String PAGE = "index.html";

    @Override
    public RunReport report(RunRecord record) {
        CapturedTree tree = record.result().snapshot().flatMap(s -> s.files().stream().filter(f -> f.name().equals(CapturedTree.FILE)).findFirst())
                .map(f -> CapturedTree.read(text(f))).orElse(CapturedTree.EMPTY);
        List<TaskEvidence> tasks = TaskEvidence.of(record, tree);
        String junit = JunitXml.write(record.result(), tasks, record.scrubber());
        RunPage page = RunPage.of(record, tree, tasks, List.of(PAGE, JunitXml.FILE));
        String html = ReportTemplates.render("index.html.mustache", page);
        return new RunReport(tasks.stream().map(TaskEvidence::result).toList(), List.of(
                new BundleFile(PAGE, "text/html; charset=utf-8", Content.ofUtf8(html)),
                new BundleFile(JunitXml.FILE, "application/xml", Content.ofUtf8(junit))));
    }

    private static String text(BundleFile file) {
        try (InputStream in = file.content().open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.name() + ": " + e.getMessage(), e);
        }
    }
}
