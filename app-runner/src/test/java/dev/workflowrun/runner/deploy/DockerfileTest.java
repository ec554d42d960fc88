package dev.workflowrun.runner.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's recipe, read as text (no Docker engine here to build it): base images pinned by digest, the OCI
 * labels that say what the image is and which commit it was built from, and no JVM options in the environment.
 */
class DockerfileTest {

    private static final Path ROOT = Path.of("..");

    /** The Dockerfile's instructions, continuation lines joined, comments dropped. */
    private static List<String> instructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(ROOT.resolve("Dockerfile"))) {
            if (line.stripLeading().startsWith("#") || (line.isBlank() && current.isEmpty())) {
                continue;
            }
            boolean continues = line.endsWith("\\");
            current.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        return out;
    }

    @Test
    void everyBaseImageIsPinnedByDigest() throws IOException {
        List<String> froms = instructions().stream().filter(i -> i.startsWith("FROM ")).toList();
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        for (String from : froms) {
            String image = from.split("\\s+")[1];
            assertThat(image).as(from).matches("[^@\\s]+@sha256:[0-9a-f]{64}");
        }
    }

    @Test
    void theImageCarriesTheOciLabelsWithTheCommitItWasBuiltFrom() throws IOException {
        List<String> all = instructions();
        int lastFrom = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        List<String> finalStage = all.subList(lastFrom, all.size());
        String labels = String.join(" ", finalStage.stream().filter(i -> i.startsWith("LABEL ")).toList());
        for (String label : List.of("source", "revision", "version", "created", "title")) {
            assertThat(labels).as("org.opencontainers.image." + label).contains("org.opencontainers.image." + label + "=");
        }
        Matcher revision = Pattern.compile("org\\.opencontainers\\.image\\.revision=\"\\$\\{(\\w+)}\"").matcher(labels);
        assertThat(revision.find()).as("the revision comes from a build argument").isTrue();
        assertThat(finalStage).as("the final stage declares the commit's build argument").contains("ARG " + revision.group(1) + "=unknown");
        assertThat(all.stream().filter(i -> i.startsWith("RUN mvn")).toList()).as("the build writes the commit into the jar")
                .anyMatch(i -> i.contains("-Dgit.commit.id=${" + revision.group(1) + "}"));
    }

    @Test
    void noJvmOptionsGoThroughTheEnvironmentWhereTheJvmWouldPrintPickedUp() throws IOException {
        // JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS make the JVM print "Picked up ..." on stderr, a line of plain text in a JSON log.
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("Dockerfile")));
        try (Stream<Path> deploy = Files.walk(ROOT.resolve("deploy"))) {
            deploy.filter(p -> p.toString().endsWith(".yaml")).forEach(files::add);
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.stripLeading().startsWith("#")) {
                    continue;
                }
                assertThat(line).as(file.toString()).doesNotContain("JDK_JAVA_OPTIONS").doesNotContain("JAVA_TOOL_OPTIONS")
                        .doesNotContain("_JAVA_OPTIONS");
            }
        }
        assertThat(instructions()).filteredOn(i -> i.startsWith("ENTRYPOINT ")).singleElement().asString().contains("-XX:MaxRAMPercentage=");
    }

    @Test
    void theBuildContextLeavesOutBuildOutputButKeepsGit() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(ignored).contains("**/target/");
        assertThat(ignored).as("the build reads the commit from .git").noneMatch(l -> l.equals(".git") || l.equals(".git/"));
    }
}
