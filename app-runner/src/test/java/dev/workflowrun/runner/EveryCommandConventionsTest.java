package dev.workflowrun.runner;

import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.runner.wiring.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every subcommand, whatever is added later: each flag names its WORKFLOW_RUN_ variable in --help, and --version gives the commit. */
class EveryCommandConventionsTest {

    private record Result(int code, String out, String err) {
    }

    private static RunnerComponent component(Map<String, String> env) {
        return DaggerRunnerComponent.builder()
                .environment(new Environment(env, KubernetesAdapters::currentNamespace, Clock.systemUTC(), Path.of("").toAbsolutePath()))
                .exit(code -> { }).build();
    }

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = WorkflowRun.run(component(env), new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private static List<String> subcommands() {
        return new ArrayList<>(WorkflowRun.commandLine(component(Map.of())).getSubcommands().keySet());
    }

    @Test
    void theHelpOfEverySubcommandNamesTheVariableOfEachOfItsFlags() {
        CommandLine root = WorkflowRun.commandLine(component(Map.of()));
        assertThat(root.getSubcommands()).containsKeys("run", "render", "lint", "verify", "judge", "history", "sandbox");
        for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
            String help = run(Map.of(), sub.getKey(), "--help").out().replaceAll("\\s+", " ");
            for (OptionSpec option : sub.getValue().getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp() || option.hidden()) {
                    continue;
                }
                String variable = "WORKFLOW_RUN_" + option.longestName().replaceFirst("^-+", "").toUpperCase(java.util.Locale.ROOT).replace('-', '_');
                assertThat(help).as(sub.getKey() + " " + option.longestName()).contains("Env: " + variable + ".");
            }
        }
    }

    @Test
    void everySubcommandPrintsTheCommitItWasBuiltFrom() {
        for (String command : subcommands()) {
            Result r = run(Map.of(), command, "--version");
            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("workflow-run ").containsPattern("commit [0-9a-f]{40}");
        }
    }

    @Test
    void theNewFlagsTakeTheirDefaultsFromTheEnvironmentToo(@TempDir Path dir) throws Exception {
        // A wait step with a literal tagged image, as the real load test has one: --pinned decides what a tag is.
        Path scenario = Files.writeString(dir.resolve("wait-rpc.yaml"), """
                # Placeholders:
                #   $SEI_NAMESPACE        namespace of the workflow
                #   $SEI_WORKFLOW_RUN_ID  unique per-run id
                apiVersion: chaos-mesh.org/v1alpha1
                kind: Workflow
                metadata:
                  name: wait-rpc-$SEI_WORKFLOW_RUN_ID
                  namespace: $SEI_NAMESPACE
                spec:
                  entry: wait-rpc
                  templates:
                    - name: wait-rpc
                      templateType: Task
                      deadline: 10m
                      task:
                        container:
                          name: wait-rpc
                          image: curlimages/curl:8.10.1
                          command: ["sh", "-c", "curl -sf http://rpc:26657/status"]
                """);
        String example = scenario.toString();
        Result tag = run(Map.of(), "lint", example);
        Result digest = run(Map.of("WORKFLOW_RUN_PINNED", "digest", "WORKFLOW_RUN_OUTPUT", "json"), "lint", example);
        assertThat(tag.code()).as(tag.out()).isZero();
        assertThat(tag.out()).contains("by the mutable tag '8.10.1'");
        assertThat(digest.code()).as(digest.out()).isEqualTo(2);
        assertThat(digest.out()).startsWith("{").contains("\"severity\": \"error\"", "--pinned=digest needs a digest");
        assertThat(run(Map.of("WORKFLOW_RUN_PINNED", "digest"), "lint", "--pinned=tag", example).code()).as("the command line wins").isZero();
    }
}
