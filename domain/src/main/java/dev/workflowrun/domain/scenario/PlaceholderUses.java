package dev.workflowrun.domain.scenario;

import dev.workflowrun.domain.variables.PlaceholderUse;
import dev.workflowrun.domain.variables.VariableType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where each placeholder appears in a scenario's manifest, and what that place asks of a value. The
 * template is read line by line with the indentation of block YAML (the form scenarios are written
 * in; it need not parse before rendering): each {@code $NAME} or {@code ${NAME}} gets the path of
 * keys it sits under, and the path gives the type:
 * <ul>
 * <li>{@code metadata.name}, a {@code configMapRef}/{@code secretRef} name: a DNS-1123 subdomain;</li>
 * <li>{@code metadata.namespace}: a DNS-1123 label; a value under {@code metadata.labels}: a label value;</li>
 * <li>{@code image}: an image reference; {@code deadline}: a Go duration;</li>
 * <li>anything else, e.g. a container's {@code command}, {@code args} or {@code env} value: text.</li>
 * </ul>
 * Flow mappings ({@code metadata: {name: x}}) are not looked into: what is inside them counts as text.
 */
public final class PlaceholderUses {

    private static final Pattern KEY = Pattern.compile("^(\"[^\"]*\"|'[^']*'|[^\\s\"'{\\[#&*!|>%@`-][^:#]*?|-[^\\s:#][^:#]*?)\\s*:(?:\\s+(.*)|$)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Set<String> REFS = Set.of("configMapRef", "secretRef", "configMapKeyRef", "secretKeyRef");
    private static final Set<String> CONTAINER_TEXT = Set.of("command", "args", "env");

    private PlaceholderUses() {
    }

    private record Frame(int indent, String key) {
    }

    /** For each of {@code names} that the manifest uses, its uses in line order. */
    public static Map<String, List<PlaceholderUse>> find(String template, Set<String> names) {
        Map<String, List<PlaceholderUse>> uses = new LinkedHashMap<>();
        Deque<Frame> stack = new ArrayDeque<>();
        int blockParent = -1;
        List<String> blockPath = List.of();
        String[] lines = template.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            int indent = indentOf(line);
            if (blockParent >= 0) {
                if (indent > blockParent) {
                    collect(line, blockPath, i + 1, names, uses);
                    continue;
                }
                blockParent = -1;
            }
            String content = line.substring(indent);
            if (content.startsWith("#")) {
                continue;
            }
            if (indent == 0 && (content.equals("---") || content.equals("..."))) {
                stack.clear();
                continue;
            }
            int effective = indent;
            int dash = -1;
            while (content.equals("-") || content.startsWith("- ")) {
                dash = effective;
                int skip = content.equals("-") ? 1 : 1 + indentOf(content.substring(1));
                effective += skip;
                content = content.substring(skip);
            }
            Matcher key = KEY.matcher(content);
            String value;
            if (key.find()) {
                while (!stack.isEmpty() && stack.peek().indent() >= effective) {
                    stack.pop();
                }
                stack.push(new Frame(effective, unquote(key.group(1).strip())));
                value = key.group(2) == null ? "" : key.group(2);
                if (value.startsWith("|") || value.startsWith(">")) {
                    blockParent = effective;
                    blockPath = path(stack);
                    continue;
                }
            } else {
                int level = dash >= 0 ? dash : indent;
                while (!stack.isEmpty() && stack.peek().indent() > level) {
                    stack.pop();
                }
                value = content;
                if (value.startsWith("|") || value.startsWith(">")) {
                    blockParent = level;
                    blockPath = path(stack);
                    continue;
                }
            }
            collect(value, path(stack), i + 1, names, uses);
        }
        return uses;
    }

    /** The field a path of keys names, and the type a value there must have. */
    static PlaceholderUse classify(List<String> path, int line) {
        int n = path.size();
        String last = n == 0 ? "" : path.get(n - 1);
        String parent = n < 2 ? "" : path.get(n - 2);
        if (parent.equals("metadata") && last.equals("name")) {
            return new PlaceholderUse(line, "metadata.name", VariableType.DNS_SUBDOMAIN);
        }
        if (parent.equals("metadata") && last.equals("namespace")) {
            return new PlaceholderUse(line, "metadata.namespace", VariableType.DNS_LABEL);
        }
        if (n >= 3 && path.get(n - 3).equals("metadata") && parent.equals("labels")) {
            return new PlaceholderUse(line, "metadata.labels." + last, VariableType.LABEL_VALUE);
        }
        if (last.equals("name") && REFS.contains(parent)) {
            return new PlaceholderUse(line, parent + ".name", VariableType.DNS_SUBDOMAIN);
        }
        if (last.equals("image")) {
            return new PlaceholderUse(line, "image", VariableType.IMAGE);
        }
        if (last.equals("deadline")) {
            return new PlaceholderUse(line, "deadline", VariableType.DURATION);
        }
        for (int i = n - 1; i >= 0; i--) {
            if (CONTAINER_TEXT.contains(path.get(i))) {
                return new PlaceholderUse(line, path.get(i).equals("env") ? "env" : path.get(i), VariableType.TEXT);
            }
        }
        return new PlaceholderUse(line, n == 0 ? "(top level)" : String.join(".", path), VariableType.TEXT);
    }

    private static void collect(String text, List<String> path, int line, Set<String> names, Map<String, List<PlaceholderUse>> uses) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (m.start() > 0 && text.charAt(m.start() - 1) == '$') {
                continue; // $$NAME is an escaped dollar, not a placeholder
            }
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (names.contains(name)) {
                PlaceholderUse use = classify(path, line);
                List<PlaceholderUse> list = uses.computeIfAbsent(name, k -> new ArrayList<>());
                if (!list.contains(use)) {
                    list.add(use);
                }
            }
        }
    }

    private static List<String> path(Deque<Frame> stack) {
        List<String> keys = new ArrayList<>();
        stack.descendingIterator().forEachRemaining(f -> keys.add(f.key()));
        return keys;
    }

    private static int indentOf(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String unquote(String key) {
        if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }
}
