package dev.workflowrun.survey;

import dev.workflowrun.survey.cli.SurveyCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed artefacts (docs/survey, the survey's ADR, examples/scenarios/*&#47;cronjob.typed.yaml) are what
 * the tool produces for the examples, byte for byte. Regenerate them with
 * {@code bin/survey --scenarios examples/scenarios --out docs/survey --adr docs/adr} and {@code bin/survey migrate examples/scenarios}.
 */
class GoldenFilesTest {

    private static final Path ROOT = Path.of("..");

    @TempDir
    Path tmp;

    private static int run(String... args) {
        return SurveyCli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), args);
    }

    @Test
    void the_survey_of_the_examples_matches_docs_survey_and_the_adr() throws IOException {
        Path out = tmp.resolve("docs/survey");
        Path adr = Files.createDirectories(tmp.resolve("docs/adr"));
        try (Stream<Path> s = Files.list(ROOT.resolve("docs/adr"))) {
            for (Path p : s.toList()) {
                Files.copy(p, adr.resolve(p.getFileName()));
            }
        }
        assertThat(run("--scenarios", ROOT.resolve("examples/scenarios").toString(), "--out", out.toString(), "--adr", adr.toString()))
                .isZero();
        for (String f : List.of("checkpoint.md", "survey.json", "survey.html")) {
            assertThat(out.resolve(f)).as(f).hasSameTextualContentAs(ROOT.resolve("docs/survey").resolve(f));
        }
        try (Stream<Path> s = Files.list(adr)) {
            for (Path p : s.toList()) {
                assertThat(p).as(p.getFileName().toString()).hasSameTextualContentAs(ROOT.resolve("docs/adr").resolve(p.getFileName()));
            }
        }
    }

    @Test
    void the_migrated_cronjobs_match_the_committed_ones() {
        Path out = tmp.resolve("migrated");
        assertThat(run("migrate", ROOT.resolve("examples/scenarios").toString(), "--out", out.toString())).isZero();
        for (String s : List.of("release-test", "load-test", "major-upgrade")) {
            assertThat(out.resolve(s).resolve("cronjob.typed.yaml")).as(s)
                    .hasSameTextualContentAs(ROOT.resolve("examples/scenarios").resolve(s).resolve("cronjob.typed.yaml"));
        }
    }
}
