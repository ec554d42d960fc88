package dev.workflowrun.runner.report;

import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.report.TaskResult.Status;
import dev.workflowrun.domain.run.RunResult;
import dev.workflowrun.domain.text.Scrubber;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code junit.xml}: one test suite per run, one test case per Task, in the shape Jenkins, GitLab
 * and GitHub test reporters read (the Ant/Surefire JUnit format). A failed Task is a {@code failure}
 * with its exit code and log tail, a Task the infrastructure failed is an {@code error}, a Task that
 * never ran is {@code skipped}. When the run failed and no Task carries why (refused before apply,
 * apply failed, hard deadline, cleanup, publication), one more case, {@value #RUN_CASE}, does. Written
 * with StAX, which escapes every value; characters XML 1.0 cannot carry are replaced.
 */
final class JunitXml {

    static final String FILE = "junit.xml";
    static final String RUN_CASE = "workflow-run";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private JunitXml() {
    }

    static String write(RunResult run, List<TaskEvidence> tasks, Scrubber scrubber) {
        Outcome outcome = run.outcome().orElse(null);
        String outcomeLabel = run.outcome().map(Enum::name).orElse("REJECTED");
        boolean taskCarriesIt = tasks.stream().anyMatch(t -> t.result().status() == Status.FAILED || t.result().status() == Status.ERROR);
        Optional<Status> runCase = outcome == Outcome.PASSED || taskCarriesIt ? Optional.empty()
                : Optional.of(outcome == Outcome.TASK_FAILED || outcome == Outcome.TIMED_OUT ? Status.FAILED : Status.ERROR);
        long failures = tasks.stream().filter(t -> t.result().status() == Status.FAILED).count()
                + runCase.filter(Status.FAILED::equals).stream().count();
        long errors = tasks.stream().filter(t -> t.result().status() == Status.ERROR).count()
                + runCase.filter(Status.ERROR::equals).stream().count();
        long skipped = tasks.stream().filter(t -> t.result().status() == Status.SKIPPED).count();
        String suite = run.command().scenario();
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suite);
            xml.writeAttribute("tests", String.valueOf(tasks.size() + runCase.stream().count()));
            xml.writeAttribute("failures", String.valueOf(failures));
            xml.writeAttribute("errors", String.valueOf(errors));
            xml.writeAttribute("skipped", String.valueOf(skipped));
            xml.writeAttribute("time", seconds(Duration.between(run.startedAt(), run.finishedAt())));
            xml.writeAttribute("timestamp", TIMESTAMP.format(run.startedAt()));
            xml.writeAttribute("id", run.command().runId().value());
            xml.writeCharacters("\n  ");
            xml.writeStartElement("properties");
            property(xml, "runId", run.command().runId().value());
            property(xml, "attempt", String.valueOf(run.attempt()));
            property(xml, "outcome", outcomeLabel);
            property(xml, "exitCode", String.valueOf(run.exitCode().code()));
            property(xml, "commit", run.commit().orElse(""));
            property(xml, "namespace", run.command().namespace());
            property(xml, "workflow", run.workflow().map(w -> w.name()).orElse(""));
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            for (TaskEvidence task : tasks) {
                testCase(xml, suite, task, scrubber);
            }
            if (runCase.isPresent()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("name", RUN_CASE);
                xml.writeAttribute("classname", suite);
                xml.writeAttribute("time", seconds(Duration.between(run.startedAt(), run.finishedAt())));
                xml.writeStartElement(runCase.get() == Status.FAILED ? "failure" : "error");
                xml.writeAttribute("type", outcomeLabel);
                xml.writeAttribute("message", clean(scrubber.scrub(run.reason())));
                xml.writeCharacters(clean(scrubber.scrub(run.reason())));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write " + FILE + ": " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static void testCase(XMLStreamWriter xml, String suite, TaskEvidence task, Scrubber scrubber) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", clean(task.result().name()));
        xml.writeAttribute("classname", suite);
        xml.writeAttribute("time", task.result().duration().map(JunitXml::seconds).orElse("0"));
        String message = clean(scrubber.scrub(task.result().message()));
        switch (task.result().status()) {
            case PASSED -> {
            }
            case SKIPPED -> {
                xml.writeStartElement("skipped");
                xml.writeAttribute("message", message);
                xml.writeEndElement();
            }
            case FAILED, ERROR -> {
                xml.writeStartElement(task.result().status() == Status.FAILED ? "failure" : "error");
                xml.writeAttribute("type", task.result().exitCode().map(c -> "exit " + c).orElse(task.result().status().name()));
                xml.writeAttribute("message", message);
                StringBuilder body = new StringBuilder(message).append('\n');
                task.pod().ifPresent(p -> body.append("pod: ").append(p.name()).append('\n'));
                if (!task.logTail().isEmpty()) {
                    body.append("last ").append(task.logTail().size()).append(" line(s) of ").append(task.logFile().orElse("the log")).append(":\n");
                    task.logTail().forEach(l -> body.append(l).append('\n'));
                }
                xml.writeCharacters(clean(scrubber.scrub(body.toString())));
                xml.writeEndElement();
            }
            default -> throw new IllegalStateException("unknown status " + task.result().status());
        }
        if (!task.logTail().isEmpty()) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(clean(scrubber.scrub(String.join("\n", task.logTail()) + "\n")));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", clean(value));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    /** XML 1.0 cannot carry most control characters, even escaped: a log line with one is kept, the character shown as U+FFFD. */
    static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            sb.appendCodePoint(allowed ? c : 0xFFFD);
            i += Character.charCount(c);
        }
        return sb.toString();
    }
}
