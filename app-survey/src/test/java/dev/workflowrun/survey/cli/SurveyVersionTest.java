package dev.workflowrun.survey.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code survey --version}: the version and the commit the build recorded, not a string written in the code. */
class SurveyVersionTest {

    @Test
    void theVersionNamesTheCommitTheBuildRecorded() throws IOException {
        Properties build = new Properties();
        try (InputStream in = SurveyVersion.class.getResourceAsStream("/dev/workflowrun/survey/build.properties")) {
            assertThat(in).as("the build writes build.properties (git-commit-id-maven-plugin)").isNotNull();
            build.load(in);
        }
        String commit = build.getProperty("git.commit.id");
        assertThat(commit).as("built from a git checkout").matches("[0-9a-f]{40}");
        StringWriter out = new StringWriter();
        assertThat(SurveyCli.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version")).isZero();
        assertThat(out.toString().lines().toList()).hasSize(2)
                .satisfies(lines -> assertThat(lines.get(0)).startsWith("survey "))
                .satisfies(lines -> assertThat(lines.get(1)).startsWith("commit " + commit));
    }
}
