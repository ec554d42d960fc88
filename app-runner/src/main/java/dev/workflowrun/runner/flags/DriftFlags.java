package dev.workflowrun.runner.flags;

import dev.workflowrun.domain.drift.DeploymentRef;
import dev.workflowrun.domain.drift.DriftRule;
import dev.workflowrun.domain.drift.FileMatchRule;
import dev.workflowrun.domain.drift.LiveImageRule;
import dev.workflowrun.domain.drift.PinnedRefRule;
import dev.workflowrun.domain.drift.RefImageRule;
import dev.workflowrun.domain.text.Printable;
import dev.workflowrun.domain.variables.Pinning;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The SHA-drift invariants a run declares; checked before apply by {@code run} and {@code render}, and at build time by {@code verify}. */
public final class DriftFlags {

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Option(names = "--expect-ref-image", paramLabel = "VAR", order = 40,
            description = "The image in VAR must be tagged with the commit --scenario-ref resolves to (full SHA or at least 7 hex)."
                    + " Repeatable. E.g. --expect-ref-image=SEITASK_IMAGE")
    List<String> refImages = new ArrayList<>();

    @Option(names = "--expect-live-image", paramLabel = "VAR=deployment/<ns>/<name>[/<container>]", order = 41,
            description = "The image in VAR must carry the same tag as the running Deployment, e.g."
                    + " --expect-live-image=SEITASK_IMAGE=deployment/sei-system/controller-manager/manager. Repeatable.")
    List<String> liveImages = new ArrayList<>();

    @Option(names = "--expect-file-match", paramLabel = "<vendored file>=<path at ref>", order = 42,
            description = "A vendored file must hold the same YAML data as the file at the scenario's commit, e.g."
                    + " --expect-file-match=vendor/seitask-runner/rbac.yaml=runner/rbac.yaml. The vendored file is read only inside"
                    + " the working directory (verify: --base-dir), after following links; a difference names the YAML keys, never"
                    + " their values. Repeatable.")
    List<String> fileMatches = new ArrayList<>();

    @Option(names = "--require-pinned-ref", order = 43,
            description = "Refuse a branch as --scenario-ref: a full 40-hex commit SHA holds; a tag (refs/tags/<name>) holds with a"
                    + " warning under --pinned=tag and is refused under --pinned=digest (for production CronJobs).")
    boolean requirePinnedRef;

    @Mixin
    PinningFlag pinning = new PinningFlag();

    public Pinning pinning() {
        return pinning.pinning();
    }

    /** The rules, reading vendored files relative to {@code baseDir}. */
    public List<DriftRule> rules(Path baseDir) {
        List<DriftRule> rules = new ArrayList<>();
        if (requirePinnedRef) {
            rules.add(new PinnedRefRule(pinning.pinning()));
        }
        for (String variable : refImages) {
            rules.add(new RefImageRule(variable(variable, "--expect-ref-image")));
        }
        for (String spec : liveImages) {
            String[] parts = split(spec, "--expect-live-image", "SEITASK_IMAGE=deployment/sei-system/controller-manager");
            try {
                rules.add(new LiveImageRule(variable(parts[0], "--expect-live-image"), DeploymentRef.parse(parts[1])));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--expect-live-image " + spec + ": " + e.getMessage());
            }
        }
        for (String spec : fileMatches) {
            String[] parts = split(spec, "--expect-file-match", "vendor/rbac.yaml=runner/rbac.yaml");
            String content = VendoredFiles.read(baseDir, parts[0]);
            try {
                rules.add(new FileMatchRule(parts[0], content, parts[1]));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--expect-file-match " + Printable.of(spec) + ": " + e.getMessage());
            }
        }
        return rules;
    }

    private static String variable(String name, String flag) {
        if (!VARIABLE.matcher(name).matches()) {
            throw new UsageException(flag + " '" + name + "' is not a variable name; write e.g. " + flag + "=SEITASK_IMAGE");
        }
        return name;
    }

    private static String[] split(String spec, String flag, String example) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new UsageException(flag + " '" + spec + "' needs two parts separated by '='; e.g. " + flag + "=" + example);
        }
        return new String[] {spec.substring(0, eq), spec.substring(eq + 1)};
    }
}
