package dev.workflowrun.runner.flags;

import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.runner.wiring.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioOptionsTest {

    @TempDir
    Path dir;

    @CommandLine.Command(name = "t")
    static final class Holder {
        @CommandLine.Mixin
        ScenarioOptions options;
    }

    private final Environment env = new Environment(Map.of(), () -> Optional.of("from-kubeconfig"),
            Clock.fixed(Instant.parse("2026-11-29T03:00:00Z"), ZoneOffset.UTC), Path.of("."));

    private RunScenarioCommand parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.options.toCommand(env, Duration.ofSeconds(15));
    }

    @Test
    void varsAndVarFilesMergeAndTheDefaultsApply() throws IOException {
        Path file = dir.resolve("vars.env");
        Files.writeString(file, "API_TOKEN=from-a-secret\n");
        RunScenarioCommand command = parse("--scenario=release-test", "--scenario-repo=github.com/org/repo", "--scenario-ref=main",
                "--var=SEID_IMAGE=ghcr.io/org/seid:v1", "--var-file=" + file, "--hard-deadline=1h30m", "--run-id=r1");

        assertThat(command.variables()).containsEntry("SEID_IMAGE", "ghcr.io/org/seid:v1").containsEntry("API_TOKEN", "from-a-secret");
        assertThat(command.scenarioRef().path()).isEqualTo("scenarios/release-test.yaml");
        assertThat(command.namespace()).isEqualTo("from-kubeconfig");
        assertThat(command.hardDeadline()).contains(Duration.ofMinutes(90));
        assertThat(command.softDeadline()).isEmpty();
        assertThat(command.workflowName()).isEqualTo("release-test-r1");
    }

    @Test
    void aVariableGivenTwiceIsRefused() throws IOException {
        Path file = dir.resolve("vars.env");
        Files.writeString(file, "SEID_IMAGE=ghcr.io/org/seid:v2\n");
        assertThatThrownBy(() -> parse("--scenario=release-test", "--scenario-repo=r", "--scenario-ref=main", "--run-id=r1",
                "--var=SEID_IMAGE=ghcr.io/org/seid:v1", "--var-file=" + file))
                .isInstanceOf(UsageException.class).hasMessageContaining("SEID_IMAGE").hasMessageContaining("set it once");
    }

    @Test
    void aNamespaceThatIsNotALabelIsAUsageError() {
        assertThatThrownBy(() -> parse("--scenario=release-test", "--scenario-repo=r", "--scenario-ref=main", "--run-id=r1", "--namespace=Bad_NS"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--namespace");
    }
}
