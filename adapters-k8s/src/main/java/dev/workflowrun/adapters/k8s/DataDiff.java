package dev.workflowrun.adapters.k8s;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.TreeSet;

/**
 * Compares two YAML trees as data: mapping keys are compared as sets (order does not count),
 * lists by position, scalars by value. Differences come out as {@code - path: old} and
 * {@code + path: new} lines, sorted by key so the output is stable.
 */
final class DataDiff {

    private DataDiff() {
    }

    static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        boolean eMissing = expected == null || expected.isMissingNode();
        boolean aMissing = actual == null || actual.isMissingNode();
        if (eMissing && aMissing) {
            return;
        }
        if (eMissing) {
            out.add("+ " + label(path) + ": " + render(actual));
            return;
        }
        if (aMissing) {
            out.add("- " + label(path) + ": " + render(expected));
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            expected.properties().forEach(e -> keys.add(e.getKey()));
            actual.properties().forEach(e -> keys.add(e.getKey()));
            for (String key : keys) {
                compare(child(path, key), expected.get(key), actual.get(key), out);
            }
            return;
        }
        if (expected.isArray() && actual.isArray()) {
            int n = Math.max(expected.size(), actual.size());
            for (int i = 0; i < n; i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
            return;
        }
        if (!sameScalar(expected, actual)) {
            out.add("- " + label(path) + ": " + render(expected));
            out.add("+ " + label(path) + ": " + render(actual));
        }
    }

    /** Numbers compare by value (1 and 1.0 are the same datum); everything else by kind and text. */
    private static boolean sameScalar(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String child(String path, String key) {
        boolean plain = key.matches("[A-Za-z0-9_-]+");
        String part = plain ? key : "\"" + key.replace("\"", "\\\"") + "\"";
        return path.isEmpty() ? part : path + "." + part;
    }

    private static String label(String path) {
        return path.isEmpty() ? "(document)" : path;
    }

    private static String render(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isString()) {
            String s = node.asString();
            return s.contains("\n") ? "\"" + s.replace("\n", "\\n") + "\"" : s;
        }
        if (node.isValueNode()) {
            return node.asString();
        }
        return node.toString();
    }
}
