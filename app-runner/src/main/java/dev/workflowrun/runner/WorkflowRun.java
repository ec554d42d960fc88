package dev.workflowrun.runner;

import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.runner.commands.WorkflowRunCommand;
import dev.workflowrun.runner.progress.TerminalSafeWriter;
import dev.workflowrun.runner.signals.ProcessExit;
import dev.workflowrun.runner.wiring.Environment;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/** The {@code workflow-run} command line. */
public final class WorkflowRun {

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private WorkflowRun() {
    }

    public static void main(String... args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        RunnerComponent component = component(ProcessExit.SYSTEM);
        // First: a SIGTERM during start-up is then held for the run (which stops at once), and one after the run keeps its exit code.
        component.signals().installEarly();
        return run(component, new PrintWriter(System.out, true, StandardCharsets.UTF_8), new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    /** What tests call: the same as the process, with its output captured and no process exit. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(component(ProcessExit.SYSTEM), out, err, args);
    }

    static int run(RunnerComponent component, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(component);
        // Scenario files, values, flags and server answers end up in what is printed: no control character reaches the terminal raw.
        cli.setOut(TerminalSafeWriter.wrap(out));
        cli.setErr(TerminalSafeWriter.wrap(err));
        int code = cli.execute(withDefaultCommand(args));
        out.flush();
        err.flush();
        return code;
    }

    static RunnerComponent component(ProcessExit exit) {
        Environment environment = new Environment(System.getenv(), KubernetesAdapters::currentNamespace, Clock.systemUTC(),
                Path.of("").toAbsolutePath());
        return DaggerRunnerComponent.builder().environment(environment).exit(exit).build();
    }

    static CommandLine commandLine(RunnerComponent component) {
        CommandLine cli = new CommandLine(WorkflowRunCommand.class, component.commandFactory());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setAbbreviatedOptionsAllowed(false);
        cli.setUsageHelpAutoWidth(true);
        CommandLine completion = cli.getSubcommands().get("generate-completion");
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script: source <(workflow-run generate-completion)");
        new ExitCodes().install(cli);
        new EnvironmentDefaults(component.environment().variables()).install(cli);
        WorkflowRunCommand.Version version = new WorkflowRunCommand.Version();
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
        return cli;
    }

    /** {@code run} is the default command: the seed's invocation starts with {@code --scenario=...}. */
    static String[] withDefaultCommand(String... args) {
        if (args.length == 0 || !args[0].startsWith("-") || TOP_LEVEL_OPTIONS.contains(args[0])) {
            return args;
        }
        String[] withRun = new String[args.length + 1];
        withRun[0] = "run";
        System.arraycopy(args, 0, withRun, 1, args.length);
        return withRun;
    }
}
