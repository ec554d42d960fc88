package dev.workflowrun.runner;

import dev.workflowrun.runner.wiring.Environment;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Asking for help or the version answers from the command model alone: the application is never built. */
class HelpDoesNoWorkTest {

    private static final Environment ENVIRONMENT = new Environment(Map.of(), Optional::empty, Clock.systemUTC(), Path.of("").toAbsolutePath());

    @Test
    void help_and_version_of_every_command_do_not_build_the_application() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"--version"}, {"-V"}, {"run", "--help"}, {"sandbox", "--help"},
                {"verify", "--help"}, {"lint", "--version"}, {"render", "-h"}, {"--scenario=x", "--help"}}) {
            AtomicInteger built = new AtomicInteger();
            Supplier<RunnerComponent> component = () -> {
                built.incrementAndGet();
                throw new AssertionError("built the application for " + String.join(" ", args));
            };
            StringWriter out = new StringWriter();

            int code = WorkflowRun.run(component, ENVIRONMENT, new PrintWriter(out), new PrintWriter(new StringWriter()), args);

            assertThat(code).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).as(String.join(" ", args)).containsAnyOf("Usage:", "workflow-run ");
            assertThat(built).as(String.join(" ", args)).hasValue(0);
        }
    }

    @Test
    void a_command_that_does_work_gets_the_application_it_needs() {
        AtomicInteger built = new AtomicInteger();
        RunnerComponent real = WorkflowRun.component(code -> { });
        Supplier<RunnerComponent> component = () -> {
            built.incrementAndGet();
            return real;
        };
        StringWriter err = new StringWriter();

        int code = WorkflowRun.run(component, ENVIRONMENT, new PrintWriter(new StringWriter()), new PrintWriter(err), "lint", "no-such-file.yaml");

        assertThat(built.get()).isPositive();
        assertThat(code).isNotZero();
    }

    @Test
    void only_a_help_or_version_flag_is_taken_for_a_request_for_help() {
        assertThat(WorkflowRun.asksOnlyForHelp("run", "--help")).isTrue();
        assertThat(WorkflowRun.asksOnlyForHelp("-V")).isTrue();
        assertThat(WorkflowRun.asksOnlyForHelp("run", "--scenario=release-test")).isFalse();
        assertThat(WorkflowRun.asksOnlyForHelp("run", "--", "--help")).isFalse();
        assertThat(WorkflowRun.asksOnlyForHelp()).isFalse();
    }
}
