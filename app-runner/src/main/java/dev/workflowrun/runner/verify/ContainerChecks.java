package dev.workflowrun.runner.verify;

import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.domain.text.Printable;
import dev.workflowrun.domain.text.RedactedUrl;
import dev.workflowrun.domain.verify.Invocation;
import dev.workflowrun.domain.verify.VerifyDrift;
import dev.workflowrun.runner.flags.UsageException;
import dev.workflowrun.runner.wiring.Environment;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Each {@code workflow-run} container {@code verify} finds, read with the very options {@code run}
 * declares and handed to the build-time checks; a container whose arguments are not a run is one
 * broken row, and the others go on.
 */
public final class ContainerChecks {

    private final Environment environment;
    private final Path base;
    private final VerifyDrift.Session session;

    /** @param base where vendored files of {@code --expect-file-match} are read from */
    public ContainerChecks(Environment environment, Path base, VerifyDrift.Session session) {
        this.environment = environment;
        this.base = base;
        this.session = session;
    }

    /** One container: checked as a run would be, or one broken row naming why its arguments are not a run. */
    public void check(CronJobInvocations.Found found) {
        Invocation invocation;
        try {
            invocation = invocation(found);
        } catch (UsageException e) {
            session.broken(found.origin(), scenarioOf(found.args()), "arguments", "workflow-run arguments a run would accept",
                    RedactedUrl.inText(e.getMessage()), "change this container's workflow-run arguments as the message says");
            return;
        }
        try {
            session.add(invocation);
        } catch (RuntimeException e) {
            // One container the checks trip over must not cost the report on every other one.
            session.broken(found.origin(), invocation.scenario(), "verify", "a container the checks can read",
                    RedactedUrl.inText(String.valueOf(e.getMessage())), "fix this container's arguments or its scenario");
        }
    }

    private static String scenarioOf(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).startsWith("--scenario=")) {
                return Printable.of(args.get(i).substring("--scenario=".length()));
            }
            if (args.get(i).equals("--scenario") && i + 1 < args.size()) {
                return Printable.of(args.get(i + 1));
            }
        }
        return "-";
    }

    private Invocation invocation(CronJobInvocations.Found found) {
        ContainerArgs parsed = new ContainerArgs();
        List<String> args = new ArrayList<>(found.args());
        if (!args.isEmpty() && args.get(0).equals("run")) {
            args.remove(0);
        }
        if (args.stream().noneMatch(a -> a.equals("--namespace") || a.startsWith("--namespace=") || a.equals("-n") || a.startsWith("-n="))) {
            args.add("--namespace=" + found.namespace());
        }
        try {
            new CommandLine(parsed).setUnmatchedArgumentsAllowed(true).setUnmatchedOptionsArePositionalParams(false).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException("the workflow-run arguments do not parse: " + e.getMessage());
        }
        List<String> unreadable = new ArrayList<>(found.unreadable());
        parsed.scenario.varFiles().forEach(f -> unreadable.add("--var-file " + f));
        parsed.scenario.dropVarFiles();
        Environment buildTime = new Environment(environment.variables(), () -> Optional.of(found.namespace()), environment.clock(), base);
        RunScenarioCommand command;
        try {
            command = parsed.scenario.toCommand(buildTime, Duration.ofSeconds(15));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new Invocation(found.origin(), command.scenario(), command.scenarioRef(), command.namespace(), command.variables(),
                command.driftRules(), found.images(), unreadable, command.runIdVariable(), command.namespaceVariable());
    }
}
