package dev.workflowrun.survey.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code --version} of every command: the version and the git commit the jar was built from ("unknown" outside a checkout). */
final class SurveyVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties build = new Properties();
        try (InputStream in = SurveyVersion.class.getResourceAsStream("/dev/workflowrun/survey/build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // No build facts: the commit is unknown, as in a build without git.
        }
        String version = SurveyVersion.class.getPackage().getImplementationVersion();
        String commit = build.getProperty("git.commit.id", "");
        return new String[] {"survey " + (version == null ? "(development build)" : version),
                "commit " + (commit.isBlank() ? "unknown" : commit) + ("true".equals(build.getProperty("git.dirty")) ? " (with uncommitted changes)" : "")};
    }
}
