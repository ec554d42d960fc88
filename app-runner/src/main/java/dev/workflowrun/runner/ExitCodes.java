package dev.workflowrun.runner;

import dev.workflowrun.runner.flags.UsageException;
import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.domain.run.RunRejected;
import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.text.RedactedUrl;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place that turns what went wrong into an exit code, and the exit-code list of every
 * command's {@code --help}, both built from {@link ExitCode} (invariant 6).
 */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper, CommandLine.IParameterExceptionHandler,
        CommandLine.IExecutionExceptionHandler {

    @Override
    public int getExitCode(Throwable exception) {
        Throwable e = exception instanceof CommandLine.ExecutionException && exception.getCause() != null ? exception.getCause() : exception;
        if (e instanceof CommandLine.ParameterException || e instanceof UsageException) {
            return ExitCode.USAGE.code();
        }
        if (e instanceof RunRejected rejected) {
            return rejected.exitCode().code();
        }
        if (e instanceof ScenarioFetchException) {
            return ExitCode.INFRA_FAILED.code();
        }
        // Anything else is the runner failing around the run: never "passed", never a task failure.
        return ExitCode.INFRA_FAILED.code();
    }

    /** Bad flags: say what is wrong, suggest the close spelling if there is one, and where to read more. */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        java.util.List<String> unmatched = cmd.getParseResult() == null ? java.util.List.of() : cmd.getParseResult().unmatched();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !unmatched.isEmpty()) {
            // A misspelt flag also leaves the flag it meant "missing": report the cause, not the symptom.
            ex = new CommandLine.UnmatchedArgumentException(cmd, unmatched);
        }
        // picocli quotes the argument it could not match: a mistyped --scenario-repo would print its credential.
        err.println("workflow-run: " + RedactedUrl.inText(ex.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
            if (ex instanceof CommandLine.UnmatchedArgumentException) {
                err.println("Options take the form --name=value; a scenario variable is passed as --var=NAME=VALUE.");
            }
        }
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the list of options.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code = getExitCode(ex);
        if (logsJson(cmd)) {
            // A run logging JSON keeps every stderr line JSON, its last words too.
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("time", java.time.Instant.now().toString());
            line.put("level", "ERROR");
            line.put("state", "Finished");
            line.put("runId", "");
            line.put("scenario", "");
            line.put("message", RedactedUrl.inText(ex instanceof UsageException || ex instanceof RunRejected || ex instanceof ScenarioFetchException
                    ? ex.getMessage() : "unexpected error: " + ex));
            line.put("outcome", code == ExitCode.USAGE.code() ? "REJECTED" : "INFRA_FAILED");
            line.put("exitCode", code);
            err.println(dev.workflowrun.domain.json.JsonText.write(line));
            err.flush();
            return code;
        }
        if (ex instanceof UsageException) {
            err.println("workflow-run: " + RedactedUrl.inText(ex.getMessage()));
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the list of options.");
        } else if (ex instanceof RunRejected || ex instanceof ScenarioFetchException) {
            err.println("workflow-run: " + RedactedUrl.inText(ex.getMessage()));
        } else {
            // Unexpected: the full trace helps whoever reads the Job's log.
            err.println("workflow-run: unexpected error: " + ex);
            ex.printStackTrace(err);
        }
        err.println("exit " + code);
        err.flush();
        return code;
    }

    private static boolean logsJson(CommandLine cmd) {
        CommandLine.Model.OptionSpec format = cmd.getCommandSpec().findOption("--log-format");
        return format != null && String.valueOf((Object) format.getValue()).equalsIgnoreCase("json");
    }

    /** The exit-code list for {@code --help}, in code order. */
    public static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            list.put(String.format("%3d", code.code()), code.meaning());
        }
        return list;
    }

    /** Applies the mapping and the list to a command and all its subcommands. */
    public void install(CommandLine root) {
        root.setExitCodeExceptionMapper(this);
        root.setParameterExceptionHandler(this);
        root.setExecutionExceptionHandler(this);
        applyHelp(root);
    }

    private static void applyHelp(CommandLine cmd) {
        cmd.getCommandSpec().exitCodeOnInvalidInput(ExitCode.USAGE.code());
        cmd.getCommandSpec().exitCodeOnExecutionException(ExitCode.INFRA_FAILED.code());
        if (cmd.getCommandSpec().usageMessage().exitCodeList().isEmpty()) {
            // Commands with their own meaning of the codes (verify, lint) declare their list; the rest share the run's.
            cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(helpList());
        }
        cmd.getSubcommands().values().forEach(ExitCodes::applyHelp);
    }
}
