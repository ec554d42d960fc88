package dev.workflowrun.domain.scenario;

import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the placeholders a scenario declares in its leading comment block:
 *
 * <pre>
 * # Placeholders (the wrapper envsubst's at apply time):
 * #   $SEI_NAMESPACE          namespace of workflow + provisioned SNDs
 * #   $SEID_IMAGE  (image)    seid container image
 * </pre>
 *
 * A type in parentheses right after the name wins; otherwise the type is inferred from the name
 * ({@link VariableType#inferFromName}). Only a line of the declaration shape declares:
 * {@code #}, spaces, a bare {@code $NAME} (no braces) followed by the end of the line or by spaces, at the
 * indentation of the block's first declaration. Any other comment line in the block is prose that continues the
 * previous description, even when it mentions {@code ${X}} or {@code $X} (e.g. "${PGHOST} comes from the Secret").
 * The block ends at the first line that is not a comment.
 */
public final class PlaceholderHeader {

    private static final Pattern START = Pattern.compile("^#\\s*Placeholders\\b.*:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTRY = Pattern.compile("^#(\\s+)\\$([A-Za-z_][A-Za-z0-9_]*)(?:\\s+\\(([a-z-]+)\\))?(?:\\s+(.*))?$");

    private PlaceholderHeader() {
    }

    /** The declarations, in order; empty when the scenario has no placeholder block. */
    public static List<VariableDeclaration> read(String template) {
        Map<String, VariableDeclaration> found = new LinkedHashMap<>();
        boolean inBlock = false;
        String last = null;
        int indent = -1;
        int lineNo = 0;
        for (String line : template.split("\n", -1)) {
            lineNo++;
            String l = line.stripTrailing();
            if (!inBlock) {
                if (START.matcher(l).matches()) {
                    inBlock = true;
                }
                if (!l.isEmpty() && !l.startsWith("#") && !l.equals("---")) {
                    break; // the header is over before any placeholder block began
                }
                continue;
            }
            if (!l.startsWith("#")) {
                break;
            }
            Matcher m = ENTRY.matcher(l);
            if (m.matches() && (indent < 0 || m.group(1).length() == indent)) {
                indent = m.group(1).length();
                String name = m.group(2);
                VariableType type = Optional.ofNullable(m.group(3))
                        .map(label -> VariableType.fromLabel(label).orElseThrow(() -> new IllegalArgumentException(
                                "line " + lineLabel(name) + ": unknown placeholder type '" + label + "'; use one of "
                                        + typeLabels())))
                        .orElseGet(() -> VariableType.inferFromName(name));
                if (found.containsKey(name)) {
                    throw new IllegalArgumentException("the placeholder header declares $" + name + " twice (line " + lineNo + ")");
                }
                found.put(name, new VariableDeclaration(name, type, m.group(4) == null ? "" : m.group(4)));
                last = name;
            } else if (last != null && l.length() > 1 && !l.substring(1).isBlank()) {
                VariableDeclaration prev = found.get(last);
                found.put(last, new VariableDeclaration(prev.name(), prev.type(), prev.description() + " " + l.substring(1).strip()));
            }
        }
        return new ArrayList<>(found.values());
    }

    private static String lineLabel(String name) {
        return "$" + name;
    }

    private static String typeLabels() {
        List<String> labels = new ArrayList<>();
        for (VariableType t : VariableType.values()) {
            labels.add(t.label());
        }
        return String.join(", ", labels);
    }
}
