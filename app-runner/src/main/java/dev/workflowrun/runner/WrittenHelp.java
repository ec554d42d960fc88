package dev.workflowrun.runner;

import dev.workflowrun.runner.wiring.Environment;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Each command's {@code --help}, written at build time from the command model itself ({@link #main}, run by
 * app-runner/pom.xml before the tests and the jar), and printed from the jar without building the model.
 * Building picocli's model of eight commands and their flags is most of what {@code --help} costs.
 *
 * <p>The written text is used only where picocli would print exactly that text: output that is not a
 * terminal (a terminal gets picocli's colours and its own width) and no {@code WORKFLOW_RUN_*} variable set
 * (their values appear in the help as defaults). Anything else, and any argument list other than
 * {@code [command] --help|-h}, goes through picocli as before. {@code WrittenHelpTest} checks, command by
 * command, that the written text is the text picocli prints.
 */
public final class WrittenHelp {

    private static final String FOLDER = "help/";
    private static final Pattern COMMAND_NAME = Pattern.compile("[a-z][a-z-]*");

    private WrittenHelp() {
    }

    /**
     * The help these arguments ask for, when it can be printed from the written text.
     *
     * @param terminal whether the output is a terminal ({@code System.console() != null})
     */
    static Optional<byte[]> forArguments(List<String> args, Map<String, String> environment, boolean terminal) {
        if (terminal || args.isEmpty() || args.size() > 2 || EnvironmentDefaults.anyGiven(environment)) {
            return Optional.empty();
        }
        String last = args.get(args.size() - 1);
        if (!last.equals("--help") && !last.equals("-h")) {
            return Optional.empty();
        }
        List<String> command = args.subList(0, args.size() - 1);
        if (!command.stream().allMatch(name -> COMMAND_NAME.matcher(name).matches())) {
            return Optional.empty();
        }
        return read(fileName(command));
    }

    /** Writes every command's help into a folder (the build's classes folder, under {@code help/}). */
    public static void main(String... args) throws IOException {
        Path folder = Path.of(args[0]).resolve(WrittenHelp.class.getPackageName().replace('.', '/')).resolve(FOLDER);
        Files.createDirectories(folder);
        for (List<String> command : commands()) {
            Files.write(folder.resolve(fileName(command)), printedByPicocli(command).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Every command that has a help: the top command ([]) and each subcommand ([name]). */
    static List<List<String>> commands() {
        List<List<String>> commands = new ArrayList<>();
        commands.add(List.of());
        WorkflowRun.commandLine(notBuilt(), environmentWithoutDefaults()).getSubcommands().keySet()
                .forEach(name -> commands.add(List.of(name)));
        return commands;
    }

    /** What picocli prints for {@code <command> --help}, output not a terminal and no default from the environment. */
    static String printedByPicocli(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        StringWriter out = new StringWriter();
        int code = WorkflowRun.run(notBuilt(), environmentWithoutDefaults(), new PrintWriter(out), new PrintWriter(new StringWriter()),
                args.toArray(String[]::new));
        if (code != 0 || out.toString().isEmpty()) {
            throw new IllegalStateException("'" + String.join(" ", args) + "' printed no help (exit " + code + ")");
        }
        return out.toString();
    }

    static String fileName(List<String> command) {
        return String.join(".", command.isEmpty() ? List.of("workflow-run") : command) + ".txt";
    }

    static Optional<byte[]> read(String fileName) {
        try (InputStream in = WrittenHelp.class.getResourceAsStream(FOLDER + fileName)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Environment environmentWithoutDefaults() {
        return new Environment(Map.of(), Optional::empty, Clock.systemUTC(), Path.of("").toAbsolutePath());
    }

    private static Supplier<RunnerComponent> notBuilt() {
        return () -> {
            throw new IllegalStateException("help needs no application");
        };
    }
}
