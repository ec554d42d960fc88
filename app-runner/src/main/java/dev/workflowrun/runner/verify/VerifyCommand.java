package dev.workflowrun.runner.verify;

import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.domain.run.RunScenarioCommand;
import dev.workflowrun.domain.verify.Invocation;
import dev.workflowrun.domain.verify.VerifyDrift;
import dev.workflowrun.domain.verify.VerifyReport;
import dev.workflowrun.adapters.git.GitSourceConfig;
import dev.workflowrun.runner.cli.UsageException;
import dev.workflowrun.runner.wiring.Environment;
import dev.workflowrun.runner.wiring.RenderComponent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.inject.Inject;
import javax.inject.Provider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Build-time verification of deployment manifests: the SHA-drift invariants each
 * {@code workflow-run} container declares, checked against the commit its scenario ref resolves
 * to, without a cluster. What a platform repository's CI runs on every change.
 */
@Command(name = "verify", header = "Check CronJob manifests for SHA drift at build time.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read CronJob manifests (multi-document YAML, e.g. kustomize output), find each workflow-run container,",
                "read its arguments and env as the container would, resolve its scenario ref through git, and check what it",
                "declares (--expect-ref-image, --expect-file-match, --require-pinned-ref), the scenario's lint, pinned images, and",
                "that CronJobs claiming the same scenario ref give shared variables the same value. --expect-live-image needs a",
                "cluster and is skipped here. Exit 0 when everything holds, 2 otherwise.", ""},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:every rule holds", "2:a rule is broken, or a scenario could not be fetched",
                "64:usage error: a manifest cannot be read, or an argument is wrong"})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<manifest>", arity = "1..*", description = "CronJob manifests (files with one or more YAML documents).")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--base-dir", paramLabel = "<dir>", description = "Where vendored files of --expect-file-match are read from."
            + " Default: the current directory.")
    Optional<Path> baseDir;

    @Option(names = "--git-token-file", paramLabel = "<file>", description = "File holding an https token for the scenario repositories.")
    Optional<Path> gitTokenFile;

    @Option(names = "--git-token-env", paramLabel = "<VARIABLE>", description = "Environment variable holding an https token.")
    Optional<String> gitTokenEnv;

    private final Environment environment;
    private final Provider<RenderComponent.Builder> renders;

    @Inject
    VerifyCommand(Environment environment, Provider<RenderComponent.Builder> renders) {
        this.environment = environment;
        this.renders = renders;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path base = baseDir.orElse(environment.workingDirectory());
        List<Invocation> invocations = new ArrayList<>();
        for (Path manifest : manifests) {
            String text;
            try {
                text = Files.readString(manifest, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot read " + manifest + ": " + e.getMessage());
            }
            List<CronJobInvocations.Found> found;
            try {
                found = CronJobInvocations.read(manifest, text);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (found.isEmpty()) {
                spec.commandLine().getErr().println("verify: " + manifest + " holds no workflow-run container; nothing to check there");
            }
            for (CronJobInvocations.Found f : found) {
                invocations.add(invocation(f, base));
            }
        }
        GitSourceConfig git = GitSourceConfig.defaults();
        try {
            if (gitTokenFile.isPresent()) {
                git = git.withTokenFile(gitTokenFile.get());
            }
            if (gitTokenEnv.isPresent()) {
                git = git.withTokenEnvVariable(gitTokenEnv.get());
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        RenderComponent component = renders.get().git(git).build();
        VerifyReport report = new VerifyDrift(component.source(), component.manifests(), component.lintRules()).verify(invocations);
        out.print(report.table());
        out.flush();
        return report.passes() ? ExitCode.PASSED.code() : ExitCode.INFRA_FAILED.code();
    }

    private Invocation invocation(CronJobInvocations.Found found, Path base) {
        ContainerArgs parsed = new ContainerArgs();
        List<String> args = new ArrayList<>(found.args());
        if (!args.isEmpty() && args.get(0).equals("run")) {
            args.remove(0);
        }
        if (args.stream().noneMatch(a -> a.equals("--namespace") || a.startsWith("--namespace="))) {
            args.add("--namespace=" + found.namespace());
        }
        try {
            new CommandLine(parsed).setUnmatchedArgumentsAllowed(true).setUnmatchedOptionsArePositionalParams(false).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(found.origin() + ": the workflow-run arguments do not parse: " + e.getMessage());
        }
        List<String> unreadable = new ArrayList<>(found.unreadable());
        parsed.scenario.varFiles().forEach(f -> unreadable.add("--var-file " + f));
        parsed.scenario.dropVarFiles();
        Environment buildTime = new Environment(environment.variables(), () -> Optional.of(found.namespace()), environment.clock(), base);
        RunScenarioCommand command;
        try {
            command = parsed.scenario.toCommand(buildTime, Duration.ofSeconds(15));
        } catch (UsageException e) {
            throw new UsageException(found.origin() + ": " + e.getMessage());
        }
        return new Invocation(found.origin(), command.scenario(), command.scenarioRef(), command.namespace(), command.variables(),
                command.driftRules(), found.images(), unreadable, command.runIdVariable(), command.namespaceVariable());
    }

}
