package dev.workflowrun.runner.commands;

import dev.workflowrun.domain.run.ExitCode;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The top command: says what the subcommands are; without one it prints its help and exits 64. */
@Command(name = "workflow-run", mixinStandardHelpOptions = true, versionProvider = WorkflowRunCommand.Version.class,
        subcommands = {RunCommand.class, RenderCommand.class, JudgeCommand.class, VerifyCommand.class, LintCommand.class, SandboxCommand.class,
                HistoryCommand.class,
                AutoComplete.GenerateCompletion.class},
        description = {"Runs a Chaos Mesh Workflow scenario end to end and publishes what happened.",
                "'run' is the default: 'workflow-run --scenario=... ...' means 'workflow-run run --scenario=... ...'.",
                "Try it without a cluster: workflow-run sandbox", ""})
public final class WorkflowRunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().println();
        spec.commandLine().getErr().println("workflow-run: name a command, e.g. 'workflow-run sandbox' or 'workflow-run run --help'");
        spec.commandLine().getErr().flush();
        return ExitCode.USAGE.code();
    }

    /** The version in the runnable jar's manifest and the commit it was built from; every command's --version. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WorkflowRunCommand.class.getPackage().getImplementationVersion();
            java.util.Properties build = new java.util.Properties();
            try (java.io.InputStream in = WorkflowRunCommand.class.getResourceAsStream("/dev/workflowrun/runner/build.properties")) {
                if (in != null) {
                    build.load(in);
                }
            } catch (java.io.IOException e) {
                // No build facts: the commit is unknown, as in a build without git.
            }
            String commit = build.getProperty("git.commit.id", "");
            return new String[] {"workflow-run " + (v == null ? "(development build)" : v),
                    "commit " + (commit.isBlank() ? "unknown" : commit)
                            + ("true".equals(build.getProperty("git.dirty")) ? " (with uncommitted changes)" : ""),
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
