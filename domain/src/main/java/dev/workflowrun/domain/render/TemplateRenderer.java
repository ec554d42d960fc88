package dev.workflowrun.domain.render;

import dev.workflowrun.domain.variables.Variables;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Allow-list substitution: replaces {@code $NAME} and {@code ${NAME}} for allow-listed names only.
 *
 * <p>Every other byte is copied as it was: shell {@code ${X}} and {@code $X} of other names,
 * {@code $(cmd)}, Kubernetes {@code $(VAR)}, {@code $$}, a lone {@code $}. {@code $NAME_SUFFIX}
 * is a different name than {@code $NAME} (the longest identifier after {@code $} is the name,
 * as in the shell), so it is left alone unless it is allow-listed itself. Values were checked
 * by their types ({@link dev.workflowrun.domain.variables.SafeScalar}) before they reach here.
 */
public final class TemplateRenderer {

    private TemplateRenderer() {
    }

    public static RenderedManifest render(String template, Variables variables) {
        return render(template, variables.substitutions());
    }

    /** As {@link #render(String, Variables)}, with the values given directly (e.g. neutral stand-ins). */
    public static RenderedManifest render(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        Set<String> substituted = new TreeSet<>();
        int i = 0;
        int n = template.length();
        while (i < n) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append("$$");
                i += 2;
                continue;
            }
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close > 0) {
                    String name = template.substring(i + 2, close);
                    if (values.containsKey(name)) {
                        out.append(values.get(name));
                        substituted.add(name);
                        i = close + 1;
                        continue;
                    }
                }
                out.append(c);
                i++;
                continue;
            }
            if (isIdentifierStart(next)) {
                int end = i + 2;
                while (end < n && isIdentifierPart(template.charAt(end))) {
                    end++;
                }
                String name = template.substring(i + 1, end);
                if (values.containsKey(name)) {
                    out.append(values.get(name));
                    substituted.add(name);
                } else {
                    out.append(template, i, end);
                }
                i = end;
                continue;
            }
            out.append(c);
            i++;
        }
        return new RenderedManifest(out.toString(), substituted);
    }

    /** The allow-listed names a template mentions as {@code $NAME} or {@code ${NAME}}. */
    public static Set<String> mentioned(String template, Set<String> names) {
        return new TreeSet<>(occurrences(template, names).keySet());
    }

    /** Where each allow-listed name is mentioned: the offset of its {@code $}, by name. */
    public static Map<String, java.util.List<Integer>> occurrences(String template, Set<String> names) {
        Map<String, java.util.List<Integer>> at = new java.util.TreeMap<>();
        int i = template.indexOf('$');
        while (i >= 0 && i + 1 < template.length()) {
            char next = template.charAt(i + 1);
            if (next == '$') {
                i = template.indexOf('$', i + 2);
                continue;
            }
            String name = null;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close > 0) {
                    name = template.substring(i + 2, close);
                }
            } else if (isIdentifierStart(next)) {
                int end = i + 2;
                while (end < template.length() && isIdentifierPart(template.charAt(end))) {
                    end++;
                }
                name = template.substring(i + 1, end);
            }
            if (name != null && names.contains(name)) {
                at.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(i);
            }
            i = template.indexOf('$', i + 1);
        }
        return at;
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }
}
