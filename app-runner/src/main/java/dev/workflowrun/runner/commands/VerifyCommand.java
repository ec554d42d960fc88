package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.flags.PinningFlag;
import dev.workflowrun.runner.flags.GitFlags;
import dev.workflowrun.runner.flags.VerifyFlags;
import dev.workflowrun.runner.verify.VerifyManifests;
import dev.workflowrun.runner.wiring.Environment;
import dev.workflowrun.runner.wiring.RenderComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.inject.Inject;
import javax.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
                "--offline fetches nothing: it checks pinned container images and *_IMAGE variables, --require-pinned-ref on the",
                "ref as written, --expect-ref-image when the ref is a full SHA, and that CronJobs agree; the rest is skipped.", ""},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:every rule holds (warnings and skipped rows do not fail)",
                "2:a rule is broken",
                "64:usage error: a manifest cannot be read, an argument is wrong, or no manifest holds a workflow-run container",
                "69:a scenario could not be fetched (network, git or token) and no rule that could be checked is broken;"
                        + " retry, or run with --offline"})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<manifest>", arity = "1..*", description = "CronJob manifests (files with one or more YAML documents).")
    List<Path> manifests = new ArrayList<>();

    @Mixin
    VerifyFlags flags;

    @Mixin
    PinningFlag pinning;

    @Mixin
    GitFlags git = new GitFlags();

    @Inject
    Environment environment;

    @Inject
    Provider<RenderComponent.Builder> renders;

    @Override
    public Integer call() {
        int rowsShown = flags.rowsShown();
        Path base = flags.baseDir().orElse(environment.workingDirectory());
        RenderComponent component = renders.get().git(git.config()).pinning(pinning.pinning()).build();
        return new VerifyManifests(environment, base, component).verify(new VerifyManifests.Request(manifests, rowsShown, flags.offline(),
                flags.output(), pinning.pinning()), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
