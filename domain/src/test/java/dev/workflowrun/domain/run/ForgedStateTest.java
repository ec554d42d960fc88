package dev.workflowrun.domain.run;

import org.junit.jupiter.api.Test;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A class outside the domain cannot make a state of its own: {@code new RunState.Verified(...)}
 * (which would skip lint and drift) does not compile, nor a second {@code CleanedUp} of a captured
 * state. Compiled here, against the domain's classes, from another package.
 */
class ForgedStateTest {

    @Test
    void a_verified_state_made_outside_the_domain_does_not_compile() throws Exception {
        List<String> errors = compile("""
                package elsewhere;
                import dev.workflowrun.domain.run.RunState;
                class Forger {
                    RunState.Verified skipLint(RunState.Rendered rendered) {
                        return new RunState.Verified(rendered, rendered.plan(), null);
                    }
                }
                """);

        assertThat(errors).isNotEmpty().allMatch(e -> e.contains("RunState.Verified") || e.contains("Verified("))
                .anyMatch(e -> e.contains("not public") || e.contains("cannot be accessed from outside package"));
    }

    @Test
    void no_state_of_the_chain_can_be_made_outside_the_domain() throws Exception {
        for (String forged : List.of(
                "new RunState.Planned(null, null, null)",
                "new RunState.Fetched(null, null)",
                "new RunState.Applied(null, null, null, null)",
                "new RunState.Terminal(null, null, false)",
                "new RunState.Captured(null, null)",
                "new RunState.CleanedUp(null, null)",
                "new RunState.Rejected(null, null, null, null)",
                "new RunState.Published(null, null)")) {
            assertThat(compile("""
                    package elsewhere;
                    import dev.workflowrun.domain.run.RunState;
                    class Forger {
                        Object forge() {
                            return %s;
                        }
                    }
                    """.formatted(forged))).as(forged).isNotEmpty();
        }
    }

    @Test
    void the_steps_themselves_compile_from_outside_the_domain() throws Exception {
        List<String> errors = compile("""
                package elsewhere;
                import dev.workflowrun.domain.run.RunPorts;
                import dev.workflowrun.domain.run.RunJournal;
                import dev.workflowrun.domain.run.RunState;
                class Caller {
                    RunState.Verified verify(RunState.Rendered rendered, RunPorts ports, RunJournal journal) {
                        return rendered.verify(ports, journal);
                    }
                    RunState.Planned start(dev.workflowrun.domain.run.RunScenarioCommand command) {
                        return RunState.plan(command, java.time.Instant.EPOCH);
                    }
                }
                """);

        assertThat(errors).isEmpty();
    }

    private static List<String> compile(String source) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path domainClasses = Path.of(RunState.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path out = Files.createTempDirectory("forged-state");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///elsewhere/Forger.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean compiled = javac.getTask(null, null, diagnostics,
                List.of("-classpath", domainClasses.toString(), "-d", out.toString(), "-proc:none"), null, List.of(file)).call();
        List<String> errors = diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null)).collect(Collectors.toList());
        assertThat(compiled).as("compiled: %s", errors).isEqualTo(errors.isEmpty());
        return errors;
    }
}
