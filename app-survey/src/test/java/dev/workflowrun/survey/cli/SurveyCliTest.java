package dev.workflowrun.survey.cli;

import dev.workflowrun.survey.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SurveyCliTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SurveyCli.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path scenarios(String... names) throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("scenarios"));
        for (String n : names) {
            Fixtures.write(parent, n, Fixtures.workflow(n), Fixtures.wrapper(n, 30, "120s", ""));
        }
        return parent;
    }

    private static long files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void help_lists_the_exit_codes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:", "64", "partially parsed", "--adr");
    }

    @Test
    void three_scenarios_write_three_outputs_and_an_adr() throws IOException {
        Path in = scenarios("a", "b", "c");
        Path adr = Files.createDirectories(tmp.resolve("adr"));
        Files.writeString(adr.resolve("0001-first.md"), "# 1. first\n");
        assertThat(run("--scenarios", in.toString(), "--out", tmp.resolve("out").toString(), "--adr", adr.toString())).isZero();
        assertThat(tmp.resolve("out/checkpoint.md")).content().startsWith("# Survey checkpoint: 3").contains("## Decision: PROMOTE");
        assertThat(tmp.resolve("out/survey.json")).content().contains("\"verdict\" : \"PROMOTE\"");
        assertThat(tmp.resolve("out/survey.html")).content().startsWith("<!DOCTYPE html>").doesNotContain("<script", "<link", "src=");
        assertThat(adr.resolve("0002-wrapper-survey-decision.md")).content().contains("Status: Proposed", "../out/checkpoint.md");
    }

    @Test
    void rerunning_rewrites_the_survey_adr_in_place_byte_for_byte() throws IOException {
        Path in = scenarios("a", "b", "c");
        Path adr = Files.createDirectories(tmp.resolve("adr"));
        String[] args = {in.toString(), "--out", tmp.resolve("out").toString(), "--adr", adr.toString()};
        assertThat(run(args)).isZero();
        String first = Files.readString(adr.resolve("0001-wrapper-survey-decision.md"));
        String md = Files.readString(tmp.resolve("out/checkpoint.md"));
        Files.writeString(adr.resolve("0002-later-decision.md"), "# 2. a later decision\n");
        assertThat(run(args)).isZero();
        assertThat(files(adr)).isEqualTo(2);
        assertThat(adr.resolve("0001-wrapper-survey-decision.md")).content().isEqualTo(first);
        assertThat(tmp.resolve("out/checkpoint.md")).content().isEqualTo(md);
    }

    @Test
    void a_missing_wrapper_is_a_clear_error_and_nothing_is_written() throws IOException {
        Path in = scenarios("a", "b");
        Files.createDirectories(in.resolve("c"));
        Files.writeString(in.resolve("c/workflow.yaml"), Fixtures.workflow("c"));
        assertThat(run("--scenarios", in.toString(), "--out", tmp.resolve("out").toString())).isEqualTo(SurveyCli.INPUT);
        assertThat(err.toString()).contains("c:", "wrapper.sh is missing");
        assertThat(files(tmp.resolve("out"))).isZero();
    }

    @Test
    void a_workflow_that_is_not_yaml_is_a_clear_error_with_its_line() throws IOException {
        Path in = scenarios("a");
        Files.writeString(in.resolve("a/workflow.yaml"), "kind: Workflow\nspec: [unclosed\n  - x: {\n");
        assertThat(run(in.toString(), "--out", tmp.resolve("out").toString())).isEqualTo(SurveyCli.INPUT);
        assertThat(err.toString()).contains("a: workflow.yaml is not valid YAML at line");
        assertThat(files(tmp.resolve("out"))).isZero();
    }

    @Test
    void a_workflow_that_is_not_a_mapping_or_not_a_workflow_is_refused() throws IOException {
        Path in = scenarios("a");
        Files.writeString(in.resolve("a/workflow.yaml"), "just text\n");
        assertThat(run(in.toString(), "--out", tmp.resolve("out").toString())).isEqualTo(SurveyCli.INPUT);
        assertThat(err.toString()).contains("not a YAML mapping");
    }

    @Test
    void duplicate_scenario_names_are_refused() throws IOException {
        Path in = scenarios("a");
        Path other = Files.createDirectories(tmp.resolve("elsewhere"));
        Fixtures.write(other, "a", Fixtures.workflow("a"), Fixtures.wrapper("a", 30, "120s", ""));
        assertThat(run(in.resolve("a").toString(), other.resolve("a").toString(), "--out", tmp.resolve("out").toString()))
                .isEqualTo(SurveyCli.INPUT);
        assertThat(err.toString()).contains("two scenarios are named 'a'", "NAME=DIR");
        assertThat(run(in.resolve("a").toString(), "b=" + other.resolve("a"), "--out", tmp.resolve("out2").toString())).isEqualTo(SurveyCli.OK);
    }

    @Test
    void a_ten_megabyte_one_line_wrapper_is_refused_before_it_is_parsed() throws IOException {
        Path in = scenarios("a");
        Files.writeString(in.resolve("a/wrapper.sh"), "echo " + "x".repeat(10 * 1024 * 1024) + "\n");
        assertThat(run(in.toString(), "--out", tmp.resolve("out").toString())).isEqualTo(SurveyCli.INPUT);
        assertThat(err.toString()).contains("a: ", "wrapper.sh is 10485766 bytes; a scenario file may have at most 1048576");
        assertThat(files(tmp.resolve("out"))).isZero();
    }

    @Test
    void a_missing_directory_is_a_clear_error() {
        assertThat(run(tmp.resolve("nope").toString(), "--out", tmp.resolve("out").toString())).isEqualTo(SurveyCli.INPUT);
        assertThat(err.toString()).contains("nope: no such directory");
    }

    @Test
    void unparsable_bash_marks_the_file_partial_with_line_and_column_and_surveys_the_rest() throws IOException {
        Path in = scenarios("a", "b");
        Fixtures.write(in, "c", Fixtures.workflow("c"), Fixtures.wrapper("c", 30, "120s", "for x in; do\n  echo )\ndone"));
        assertThat(run(in.toString(), "--out", tmp.resolve("out").toString())).isEqualTo(SurveyCli.PARTIAL);
        assertThat(err.toString()).contains("c: partial: wrapper.sh: line 14, column");
        assertThat(tmp.resolve("out/checkpoint.md")).content().contains("## Partially surveyed", "R2 complete evidence",
                "line 14, column");
        assertThat(tmp.resolve("out/survey.json")).content().contains("\"partial\" : true");
    }

    @Test
    void when_the_output_cannot_be_written_nothing_is_written() throws IOException {
        Path in = scenarios("a", "b", "c");
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.createDirectories(out.resolve("survey.html"));
        assertThat(run(in.toString(), "--out", out.toString())).isEqualTo(SurveyCli.OUTPUT);
        assertThat(err.toString()).contains("nothing was written");
        assertThat(files(out)).isEqualTo(1);
    }

    @Test
    void usage_errors_exit_64_and_say_what_to_type() {
        assertThat(run("--bogus")).isEqualTo(SurveyCli.USAGE);
        assertThat(err.toString()).contains("survey --scenarios");
        assertThat(run(tmp.toString())).isEqualTo(SurveyCli.USAGE);
    }

    @Test
    void generated_scenarios_are_surveyed() throws IOException {
        Path gen = tmp.resolve("gen");
        assertThat(run("generate", "12", gen.toString())).isZero();
        assertThat(run("--scenarios", gen.toString(), "--out", tmp.resolve("out").toString())).isZero();
        assertThat(tmp.resolve("out/survey.json")).content().contains("synthetic-0012", "sha.image-not-at-ref");
    }
}
