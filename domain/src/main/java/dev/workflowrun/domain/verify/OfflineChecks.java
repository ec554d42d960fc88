package dev.workflowrun.domain.verify;

import dev.workflowrun.domain.drift.DriftContext;
import dev.workflowrun.domain.drift.DriftFinding;
import dev.workflowrun.domain.drift.DriftRule;
import dev.workflowrun.domain.drift.PinnedRefRule;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.scenario.CommitSha;
import dev.workflowrun.domain.scenario.ResolvedScenario;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableType;
import dev.workflowrun.domain.variables.Variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code verify --offline}: what can be checked of one invocation without git. Besides the pinned
 * container images (checked before any fetch) and the agreement of CronJobs on shared variables,
 * {@code --require-pinned-ref} reads the ref as written, and when the ref is already a full commit SHA
 * (nothing to resolve) every rule that needs no file at the commit is checked against it, e.g.
 * {@code --expect-ref-image}; every other rule, the variables' types and the scenario's lint need the
 * scenario from git, and are reported as skipped.
 */
final class OfflineChecks {

    static final String WHY = "needs the scenario from git; not checked with --offline";

    private OfflineChecks() {
    }

    static List<VerifyRow> rows(Invocation inv, ReadManifestPort manifests, Function<String, VerifyRow> imageVariable,
                                RowMaker row) {
        List<VerifyRow> rows = new ArrayList<>();
        inv.variables().entrySet().stream().filter(e -> e.getKey().endsWith("_IMAGE")).sorted(Map.Entry.comparingByKey())
                .forEach(e -> rows.add(imageVariable.apply(e.getKey())));
        String ref = inv.ref().ref();
        // A full SHA resolves to itself: the rules that only need the commit can be checked as if it had been fetched.
        Optional<ResolvedScenario> resolved = CommitSha.isFull(ref)
                ? Optional.of(new ResolvedScenario(inv.ref(), ref.toLowerCase(java.util.Locale.ROOT), "", Map.of(), inv.ref().repository()))
                : Optional.empty();
        for (DriftRule rule : inv.rules()) {
            Optional<String> variable = rule.checkedVariable();
            boolean checkable = resolved.isPresent() && rule.pathsAtRef().isEmpty()
                    && variable.map(v -> inv.variables().containsKey(v)).orElse(true);
            if (rule instanceof PinnedRefRule pinned) {
                rows.add(pinnedRef(inv, pinned, row));
            } else if (checkable) {
                List<VariableDeclaration> declared = variable.map(v -> List.of(new VariableDeclaration(v, VariableType.IMAGE, ""))).orElse(List.of());
                Map<String, String> values = variable.map(v -> Map.of(v, inv.variables().get(v))).orElse(Map.of());
                DriftFinding f = rule.check(new DriftContext(resolved.get(), Variables.bind(declared, values), manifests, Optional.empty()));
                VerifyRow.Verdict verdict = f.skipped() ? VerifyRow.Verdict.SKIPPED : f.warning() ? VerifyRow.Verdict.WARNING
                        : f.holds() ? VerifyRow.Verdict.HOLDS : VerifyRow.Verdict.BROKEN;
                rows.add(row.make(inv, f.rule(), f.expected(), f.skipped() ? f.message() : f.actual(), verdict, f.holds() && !f.warning() ? "" : f.message()));
            } else {
                rows.add(row.make(inv, rule.name(), "-", WHY, VerifyRow.Verdict.SKIPPED, ""));
            }
        }
        rows.add(row.make(inv, "lint", "-", WHY, VerifyRow.Verdict.SKIPPED, ""));
        return rows;
    }

    /** The ref as written: a full SHA holds, a tag follows --pinned, anything else must be resolved to the SHA by hand. */
    private static VerifyRow pinnedRef(Invocation inv, PinnedRefRule rule, RowMaker row) {
        String ref = inv.ref().ref();
        if (CommitSha.isFull(ref)) {
            return row.make(inv, rule.name(), "a full 40-hex commit SHA", ref, VerifyRow.Verdict.HOLDS, "");
        }
        boolean tag = ref.startsWith("refs/tags/") && ref.length() > "refs/tags/".length();
        String fix = "set --scenario-ref to the commit SHA '" + ref + "' resolves to (git rev-parse '" + ref + "^{commit}')";
        if (tag && rule.pinning() == dev.workflowrun.domain.variables.Pinning.TAG) {
            return row.make(inv, rule.name(), "a full 40-hex commit SHA or refs/tags/<name>", ref, VerifyRow.Verdict.WARNING,
                    "warning: the tag can be moved; " + fix);
        }
        return row.make(inv, rule.name(), "a full 40-hex commit SHA", ref, VerifyRow.Verdict.BROKEN, fix);
    }

    @FunctionalInterface
    interface RowMaker {
        VerifyRow make(Invocation inv, String rule, String expected, String actual, VerifyRow.Verdict verdict, String fix);
    }
}
