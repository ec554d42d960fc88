package dev.workflowrun.domain.drift;

import dev.workflowrun.domain.scenario.ScenarioPaths;
import dev.workflowrun.domain.text.Printable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --expect-file-match=<vendored file>=<path at ref>}: a vendored copy (e.g. the platform's
 * copy of the runner RBAC Role) holds the same data as the file at the scenario's commit. YAML is
 * compared as data: key order, comments and formatting do not count.
 *
 * <p>A difference is reported by its YAML keys only, never by value: the files compared may hold
 * credentials (a kubeconfig, a Secret), and the report goes to CI logs, the run's log and its bundle.
 */
public record FileMatchRule(String vendoredPath, String vendoredContent, String pathAtRef) implements DriftRule {

    /** At most this many differing keys are listed; the rest are counted. */
    static final int MAX_KEYS_SHOWN = 20;

    public FileMatchRule {
        ScenarioPaths.requireRelative("the path at ref", pathAtRef);
    }

    @Override
    public String name() {
        return "expect-file-match " + Printable.of(vendoredPath) + "=" + Printable.of(pathAtRef);
    }

    @Override
    public List<String> pathsAtRef() {
        return List.of(pathAtRef);
    }

    @Override
    public DriftFinding check(DriftContext context) {
        String commit = context.scenario().commit();
        String atRef = context.scenario().extraFile(pathAtRef).orElse(null);
        String vendored = Printable.of(vendoredPath);
        if (atRef == null) {
            return DriftFinding.broken(name(), pathAtRef + " at commit " + commit, "no such file",
                    "check the path after '=' in --expect-file-match");
        }
        List<String> differences;
        try {
            differences = context.manifests().dataDifferences(atRef, vendoredContent);
        } catch (RuntimeException e) {
            // The parser's message may quote the file; say which file, not what is in it.
            return DriftFinding.broken(name(), pathAtRef + " at " + commit.substring(0, 12) + " and " + vendored + " as YAML data",
                    "one of them is not YAML data", "check that both sides of --expect-file-match name the YAML file meant");
        }
        if (differences.isEmpty()) {
            return DriftFinding.holds(name(), pathAtRef + " at " + commit.substring(0, 12), vendored + " (same data)");
        }
        List<String> keys = differingKeys(differences, pathAtRef, vendored);
        List<String> shown = new ArrayList<>(keys.subList(0, Math.min(MAX_KEYS_SHOWN, keys.size())));
        if (keys.size() > shown.size()) {
            shown.add("... and " + (keys.size() - shown.size()) + " more key(s)");
        }
        return DriftFinding.broken(name(), pathAtRef + " at " + commit.substring(0, 12), vendored + " differs at " + keys.size()
                        + " key(s) (values not shown):\n    " + String.join("\n    ", shown),
                "copy " + pathAtRef + " at " + commit + " over " + vendored + " (or pin --scenario-ref to the commit it was vendored from)");
    }

    /**
     * The key paths of diff lines {@code - path: value} (at the ref) and {@code + path: value}
     * (vendored), each once, with where it differs; the values are dropped.
     */
    static List<String> differingKeys(List<String> diffLines, String atRefName, String vendoredName) {
        Map<String, Integer> sides = new LinkedHashMap<>();
        for (String line : diffLines) {
            if (line.length() < 2 || (line.charAt(0) != '-' && line.charAt(0) != '+')) {
                continue;
            }
            int side = line.charAt(0) == '-' ? 1 : 2;
            sides.merge(Printable.of(keyOf(line.substring(2))), side, (a, b) -> a | b);
        }
        List<String> keys = new ArrayList<>();
        sides.forEach((key, side) -> keys.add(key + switch (side) {
            case 1 -> " (only in " + atRefName + " at the ref)";
            case 2 -> " (only in " + vendoredName + ")";
            default -> " (different values)";
        }));
        return keys;
    }

    /** The path before the first {@code ": "} outside double quotes (a quoted key may itself hold {@code ": "}). */
    private static String keyOf(String labelAndValue) {
        boolean quoted = false;
        for (int i = 0; i < labelAndValue.length(); i++) {
            char c = labelAndValue.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ':' && (i + 1 == labelAndValue.length() || labelAndValue.charAt(i + 1) == ' ')) {
                return labelAndValue.substring(0, i);
            }
        }
        return labelAndValue;
    }
}
