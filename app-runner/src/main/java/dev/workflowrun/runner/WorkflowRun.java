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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The {@code workflow-run} command line. */
public final class WorkflowRun {

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private WorkflowRun() {
    }

    public static void main(String... args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        Optional<byte[]> writtenHelp = WrittenHelp.forArguments(List.of(args), System.getenv(), System.console() != null);
        if (writtenHelp.isPresent()) {
            System.out.write(writtenHelp.get(), 0, writtenHelp.get().length);
            System.out.flush();
            return 0;
        }
        Environment environment = processEnvironment();
        Supplier<RunnerComponent> component = once(() -> {
            RunnerComponent built = component(environment, ProcessExit.SYSTEM);
            // First: a SIGTERM during start-up is then held for the run (which stops at once), and one after the run keeps its exit code.
            built.signals().installEarly();
            return built;
        });
        if (!asksOnlyForHelp(args)) {
            component.get();
        }
        return run(component, environment, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    /** What tests call: the same as the process, with its output captured and no process exit. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Environment environment = processEnvironment();
        return run(once(() -> component(environment, ProcessExit.SYSTEM)), environment, out, err, args);
    }

    static int run(RunnerComponent component, PrintWriter out, PrintWriter err, String... args) {
        return run(() -> component, component.environment(), out, err, args);
    }

    static int run(Supplier<RunnerComponent> component, Environment environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(component, environment);
        // Scenario files, values, flags and server answers end up in what is printed: no control character reaches the terminal raw.
        cli.setOut(TerminalSafeWriter.wrap(out));
        cli.setErr(TerminalSafeWriter.wrap(err));
        int code = cli.execute(withDefaultCommand(args));
        out.flush();
        err.flush();
        return code;
    }

    static RunnerComponent component(ProcessExit exit) {
        return component(processEnvironment(), exit);
    }

    private static RunnerComponent component(Environment environment, ProcessExit exit) {
        return DaggerRunnerComponent.builder().environment(environment).exit(exit).build();
    }

    private static Environment processEnvironment() {
        return new Environment(System.getenv(), KubernetesAdapters::currentNamespace, Clock.systemUTC(), Path.of("").toAbsolutePath());
    }

    static CommandLine commandLine(RunnerComponent component) {
        return commandLine(() -> component, component.environment());
    }

    static CommandLine commandLine(Supplier<RunnerComponent> component, Environment environment) {
        CommandLine cli = new CommandLine(WorkflowRunCommand.class);
        cli.setExecutionStrategy(new CommandInjection(component));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setAbbreviatedOptionsAllowed(false);
        cli.setUsageHelpAutoWidth(true);
        CommandLine completion = cli.getSubcommands().get("generate-completion");
        completion.getCommandSpec().usageMessage().hidden(false)
                .description("Print a bash/zsh completion script: source <(workflow-run generate-completion)");
        new ExitCodes().install(cli);
        new EnvironmentDefaults(environment.variables()).install(cli);
        WorkflowRunCommand.Version version = new WorkflowRunCommand.Version();
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(version));
        return cli;
    }

    /**
     * A request for help or the version does no work: the application is not built and no signal handler is installed.
     * Only a guess before parsing (an option's value may look like {@code --help}); a wrong guess just builds the application later.
     */
    static boolean asksOnlyForHelp(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (TOP_LEVEL_OPTIONS.contains(arg)) {
                return true;
            }
        }
        return false;
    }

    /** Builds on first use, once. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
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
