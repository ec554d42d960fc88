package dev.workflowrun.runner;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The help written at build time is the help picocli prints, and is printed only where picocli would print exactly it. */
class WrittenHelpTest {

    private static final Map<String, String> NO_DEFAULTS = Map.of("PATH", "/usr/bin", "HOME", "/home/runner");

    @Test
    void every_command_has_written_help_and_it_is_what_picocli_prints() {
        List<List<String>> commands = WrittenHelp.commands();
        assertThat(commands).contains(List.of(), List.of("run"), List.of("sandbox"), List.of("verify"), List.of("generate-completion"));

        for (List<String> command : commands) {
            assertThat(WrittenHelp.read(WrittenHelp.fileName(command)))
                    .as("help/%s, written by the build's process-classes step", WrittenHelp.fileName(command))
                    .hasValueSatisfying(written -> assertThat(new String(written, StandardCharsets.UTF_8))
                            .isEqualTo(WrittenHelp.printedByPicocli(command)));
        }
    }

    @Test
    void no_help_is_written_for_a_command_that_does_not_exist() throws IOException, URISyntaxException {
        Path folder = Path.of(Objects.requireNonNull(WrittenHelp.class.getResource("help/")).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(WrittenHelp.commands().stream().map(WrittenHelp::fileName).toList());
        }
    }

    @Test
    void a_help_flag_after_no_command_or_one_command_is_answered_from_the_written_help() {
        assertThat(WrittenHelp.forArguments(List.of("--help"), NO_DEFAULTS, false)).hasValueSatisfying(text ->
                assertThat(new String(text, StandardCharsets.UTF_8)).startsWith("Usage: workflow-run ").contains("sandbox"));
        assertThat(WrittenHelp.forArguments(List.of("run", "-h"), NO_DEFAULTS, false)).hasValueSatisfying(text ->
                assertThat(new String(text, StandardCharsets.UTF_8)).contains("Usage: workflow-run run ", "--scenario=<name>"));
        assertThat(WrittenHelp.forArguments(List.of("generate-completion", "--help"), NO_DEFAULTS, false)).isPresent();
    }

    @Test
    void a_terminal_gets_picocli_with_its_colours_and_width() {
        assertThat(WrittenHelp.forArguments(List.of("--help"), NO_DEFAULTS, true)).isEmpty();
        assertThat(WrittenHelp.forArguments(List.of("run", "--help"), NO_DEFAULTS, true)).isEmpty();
    }

    @Test
    void a_default_from_the_environment_shows_in_the_help_so_picocli_prints_it() {
        assertThat(WrittenHelp.forArguments(List.of("run", "--help"), Map.of("WORKFLOW_RUN_LOG_FORMAT", "json"), false)).isEmpty();
        assertThat(WrittenHelp.forArguments(List.of("--help"), Map.of("WORKFLOW_RUN_NAMESPACE", "nightly"), false)).isEmpty();
        // An empty variable gives no default (EnvironmentDefaults), so the written help is still the help.
        assertThat(WrittenHelp.forArguments(List.of("--help"), Map.of("WORKFLOW_RUN_NAMESPACE", ""), false)).isPresent();
    }

    @Test
    void anything_but_a_command_and_a_help_flag_goes_through_picocli() {
        for (List<String> args : List.of(List.<String>of(), List.of("--version"), List.of("run"), List.of("--scenario=x", "--help"),
                List.of("run", "--scenario=x", "--help"), List.of("run", "--help", "extra"), List.of("no-such-command", "--help"),
                List.of("RUN", "--help"), List.of("../run", "--help"), List.of("--help", "run"))) {
            assertThat(WrittenHelp.forArguments(args, NO_DEFAULTS, false)).as(String.join(" ", args)).isEmpty();
        }
    }
}
