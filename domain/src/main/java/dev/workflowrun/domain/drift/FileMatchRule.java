package dev.workflowrun.domain.drift;

import java.util.List;

/**
 * {@code --expect-file-match=<vendored file>=<path at ref>}: a vendored copy (e.g. the platform's
 * copy of the runner RBAC Role) holds the same data as the file at the scenario's commit. YAML is
 * compared as data: key order, comments and formatting do not count.
 */
public record FileMatchRule(String vendoredPath, String vendoredContent, String pathAtRef) implements DriftRule {

    @Override
    public String name() {
        return "expect-file-match " + vendoredPath + "=" + pathAtRef;
    }

    @Override
    public List<String> pathsAtRef() {
        return List.of(pathAtRef);
    }

    @Override
    public DriftFinding check(DriftContext context) {
        String commit = context.scenario().commit();
        String atRef = context.scenario().extraFile(pathAtRef).orElse(null);
        if (atRef == null) {
            return DriftFinding.broken(name(), pathAtRef + " at commit " + commit, "no such file",
                    "check the path after '=' in --expect-file-match");
        }
        List<String> differences = context.manifests().dataDifferences(atRef, vendoredContent);
        if (differences.isEmpty()) {
            return DriftFinding.holds(name(), pathAtRef + " at " + commit.substring(0, 12), vendoredPath + " (same data)");
        }
        return DriftFinding.broken(name(), pathAtRef + " at " + commit.substring(0, 12), vendoredPath + " differs:\n    "
                        + String.join("\n    ", differences),
                "copy " + pathAtRef + " at " + commit + " over " + vendoredPath + " (or pin --scenario-ref to the commit it was vendored from)");
    }
}
