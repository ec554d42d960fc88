package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.verify.ContainerChecks;
import dev.workflowrun.runner.verify.CronJobInvocations;
import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.domain.text.RedactedUrl;
import dev.workflowrun.domain.verify.VerifyDrift;
import dev.workflowrun.domain.verify.VerifyReport;
import dev.workflowrun.runner.flags.GitFlags;
import dev.workflowrun.runner.flags.UsageException;
import dev.workflowrun.runner.wiring.Environment;
import dev.workflowrun.runner.wiring.RenderComponent;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                "cluster and is skipped here. Every broken row is printed; the others up to --rows, then counted.",
                "Exit 0 when everything holds, 2 otherwise, 64 when no manifest holds a workflow-run container.", ""},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:every rule holds", "2:a rule is broken, or a scenario could not be fetched",
                "64:usage error: a manifest cannot be read, an argument is wrong, or no manifest holds a workflow-run container"})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<manifest>", arity = "1..*", description = "CronJob manifests (files with one or more YAML documents).")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--base-dir", paramLabel = "<dir>", description = "Where vendored files of --expect-file-match are read from."
            + " Default: the current directory.")
    Optional<Path> baseDir;

    @Option(names = "--rows", paramLabel = "<n>", defaultValue = "" + VerifyReport.DEFAULT_ROWS_SHOWN,
            description = "Rows that hold, warn or are skipped shown in the table (broken rows are always shown; the rest are counted)."
                    + " Default: ${DEFAULT-VALUE}.")
    int rowsShown;

    @Mixin
    GitFlags git = new GitFlags();

    @Inject
    Environment environment;

    @Inject
    Provider<RenderComponent.Builder> renders;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (rowsShown < 0) {
            throw new UsageException("--rows must be 0 or more, got " + rowsShown);
        }
        Path base = baseDir.orElse(environment.workingDirectory());
        RenderComponent component = renders.get().git(git.config()).build();
        VerifyDrift.Session session = new VerifyDrift(component.source(), component.manifests(), component.lintRules()).session(rowsShown);
        ContainerChecks containers = new ContainerChecks(environment, base, session);
        for (Path manifest : manifests) {
            String text;
            try {
                text = Files.readString(manifest, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot read " + manifest + ": " + e.getMessage());
            }
            long before = session.invocations();
            try {
                // Each container is checked as its document is read; only the bounded report is kept.
                CronJobInvocations.read(manifest, text, containers::check);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (session.invocations() == before) {
                err.println("verify: " + manifest + " holds no workflow-run container; nothing to check there");
            }
        }
        if (session.invocations() == 0) {
            // A CI gate that checked nothing must not pass.
            throw new UsageException("no workflow-run container in " + (manifests.size() == 1 ? manifests.get(0) : manifests.size() + " manifests")
                    + ", so nothing was verified. A container counts when its command or args run workflow-run, or when its image is"
                    + " workflow-run and it passes --scenario; check that the manifests given are the rendered CronJobs"
                    + " (e.g. the kustomize build output)");
        }
        VerifyReport report = session.finish();
        StringBuilder table = new StringBuilder();
        try {
            report.write(table);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // A credential in a manifest's URL is refused and masked where it is found; this is the second line.
        out.print(RedactedUrl.inText(table.toString()));
        out.flush();
        return report.passes() ? ExitCode.PASSED.code() : ExitCode.INFRA_FAILED.code();
    }
}
