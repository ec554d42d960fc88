package dev.workflowrun.domain.scenario;

import dev.workflowrun.domain.variables.PlaceholderRole;
import dev.workflowrun.domain.variables.PlaceholderUse;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableType;

import java.util.ArrayList;
import java.util.EnumMap;
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
 * #   $RUN_ID (run-id)        unique per-run id
 * </pre>
 *
 * Parentheses right after the name hold a type, a role ({@code run-id}, {@code namespace}: the runner
 * fills it from {@code --run-id} or {@code --namespace}), or both, comma-separated. A written type wins;
 * otherwise the type comes from where the manifest uses the placeholder ({@link PlaceholderUses}): the
 * strictest use decides the type shown, and a value must suit every use. A placeholder used nowhere is
 * text. The name never decides a type; a secret-sounding name ({@link VariableType#inferFromName}) only
 * makes an untyped text placeholder a redacted secret. Only a line of the declaration shape declares:
 * {@code #}, spaces, a bare {@code $NAME} (no braces) followed by the end of the line or by spaces, at the
 * indentation of the block's first declaration. Any other comment line in the block is prose that continues the
 * previous description, even when it mentions {@code ${X}} or {@code $X} (e.g. "${PGHOST} comes from the Secret").
 * The block ends at the first line that is not a comment.
 */
public final class PlaceholderHeader {

    private static final Pattern START = Pattern.compile("^#\\s*Placeholders\\b.*:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTRY = Pattern.compile("^#(\\s+)\\$([A-Za-z_][A-Za-z0-9_]*)(?:\\s+\\(([a-z][a-z0-9 ,-]*)\\))?(?:\\s+(.*))?$");
    /** From strictest to most lenient: the type shown for a placeholder used in several places. */
    private static final List<VariableType> STRICTNESS = List.of(VariableType.IMAGE, VariableType.DURATION, VariableType.INTEGER,
            VariableType.DNS_LABEL, VariableType.DNS_SUBDOMAIN, VariableType.LABEL_VALUE, VariableType.TEXT);

    private PlaceholderHeader() {
    }

    /** The text without a leading UTF-8 byte-order mark (U+FEFF), which some editors write and which is not part of the text. */
    public static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The declarations, in order, with their types and roles; empty when the scenario has no placeholder block. */
    public static List<VariableDeclaration> read(String template) {
        template = withoutByteOrderMark(template);
        Map<String, Entry> found = new LinkedHashMap<>();
        Map<PlaceholderRole, String> roles = new EnumMap<>(PlaceholderRole.class);
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
                if (found.containsKey(name)) {
                    throw new IllegalArgumentException("the placeholder header declares $" + name + " twice (line " + lineNo + ")");
                }
                Entry entry = new Entry(name, m.group(4) == null ? "" : m.group(4));
                if (m.group(3) != null) {
                    for (String label : m.group(3).split(",")) {
                        entry.annotate(label.strip(), lineNo);
                    }
                }
                if (entry.role.isPresent()) {
                    PlaceholderRole r = entry.role.get();
                    String other = roles.putIfAbsent(r, name);
                    if (other != null) {
                        throw new IllegalArgumentException("the placeholder header gives the " + r.label() + " role to both $" + other
                                + " and $" + name + " (line " + lineNo + "); one placeholder plays it, the runner fills it from " + r.valueFlag());
                    }
                }
                found.put(name, entry);
                last = name;
            } else if (last != null && l.length() > 1 && !l.substring(1).isBlank()) {
                Entry prev = found.get(last);
                prev.description = prev.description + " " + l.substring(1).strip();
            }
        }
        Map<String, List<PlaceholderUse>> uses = PlaceholderUses.find(template, found.keySet());
        List<VariableDeclaration> declared = new ArrayList<>();
        for (Entry e : found.values()) {
            List<PlaceholderUse> used = uses.getOrDefault(e.name, List.of());
            VariableType type = e.type.orElseGet(() -> inferFromUses(e.name, used));
            declared.add(new VariableDeclaration(e.name, type, e.description, e.type.isPresent(), used, e.role));
        }
        return declared;
    }

    private static VariableType inferFromUses(String name, List<PlaceholderUse> uses) {
        for (VariableType t : STRICTNESS) {
            if (t != VariableType.TEXT && uses.stream().anyMatch(u -> u.type() == t)) {
                return t;
            }
        }
        // Text everywhere (or nowhere): a secret-sounding name keeps the value out of every log and report.
        return VariableType.inferFromName(name) == VariableType.SECRET ? VariableType.SECRET : VariableType.TEXT;
    }

    /** One declaration line as read, before its uses are known. */
    private static final class Entry {
        final String name;
        String description;
        Optional<VariableType> type = Optional.empty();
        Optional<PlaceholderRole> role = Optional.empty();

        Entry(String name, String description) {
            this.name = name;
            this.description = description;
        }

        void annotate(String label, int lineNo) {
            Optional<VariableType> t = VariableType.fromLabel(label);
            Optional<PlaceholderRole> r = PlaceholderRole.fromLabel(label);
            if (t.isPresent() && type.isEmpty()) {
                type = t;
            } else if (r.isPresent() && role.isEmpty()) {
                role = r;
            } else {
                throw new IllegalArgumentException("line " + lineNo + ": " + (t.isPresent() || r.isPresent() ? "$" + name + " is given two "
                        + (t.isPresent() ? "types" : "roles") : "unknown placeholder type '" + label + "' for $" + name + " (nor a role)")
                        + "; use one of the types " + typeLabels() + " and/or one of the roles " + roleLabels());
            }
        }
    }

    private static String typeLabels() {
        List<String> labels = new ArrayList<>();
        for (VariableType t : VariableType.values()) {
            labels.add(t.label());
        }
        return String.join(", ", labels);
    }

    private static String roleLabels() {
        List<String> labels = new ArrayList<>();
        for (PlaceholderRole r : PlaceholderRole.values()) {
            labels.add(r.label());
        }
        return String.join(", ", labels);
    }
}
