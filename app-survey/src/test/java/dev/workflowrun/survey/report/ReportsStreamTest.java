package dev.workflowrun.survey.report;

import dev.workflowrun.survey.Survey;
import dev.workflowrun.survey.model.SurveyModel;
import dev.workflowrun.survey.scenario.SyntheticScenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each report is written piece by piece as it is rendered: never built whole in memory and written at the end. */
class ReportsStreamTest {

    @TempDir
    static Path tmp;

    static SurveyModel model;

    @BeforeAll
    static void survey() throws IOException {
        SyntheticScenarios.generate(tmp.resolve("scenarios"), 40);
        model = Survey.of(List.of(tmp.resolve("scenarios").toString()));
    }

    /** Records the longest single write and fails once a limit of characters has been written. */
    private static final class Recording extends Writer {
        final StringWriter text = new StringWriter();
        final long failAfter;
        long largestWrite;

        Recording(long failAfter) {
            this.failAfter = failAfter;
        }

        @Override
        public void write(char[] chars, int off, int len) throws IOException {
            if (text.getBuffer().length() + len > failAfter) {
                throw new IOException("disk full");
            }
            largestWrite = Math.max(largestWrite, len);
            text.write(chars, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private interface Report {
        void write(SurveyModel m, Writer w) throws IOException;
    }

    private static void streams(Report report, String whole) throws IOException {
        Recording w = new Recording(Long.MAX_VALUE);
        report.write(model, w);
        assertThat(w.text.toString()).isEqualTo(whole);
        assertThat(whole.length()).isGreaterThan(100_000);
        // the largest piece is a buffer's worth or one side-by-side table, far less than the report
        assertThat(w.largestWrite).isLessThan(whole.length() / 10);
        Recording full = new Recording(whole.length() / 2);
        assertThatThrownBy(() -> report.write(model, full)).isInstanceOf(IOException.class).hasMessage("disk full");
    }

    @Test
    void the_checkpoint_is_written_as_it_is_rendered() throws IOException {
        streams(MarkdownReport::write, MarkdownReport.render(model));
    }

    @Test
    void the_json_is_written_as_it_is_generated() throws IOException {
        streams(JsonReport::write, JsonReport.render(model));
    }

    @Test
    void the_page_is_written_as_it_is_rendered() throws IOException {
        streams(HtmlReport::write, HtmlReport.render(model));
    }
}
