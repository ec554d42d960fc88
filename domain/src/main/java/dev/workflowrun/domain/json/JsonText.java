package dev.workflowrun.domain.json;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Writes JSON for the few documents the core emits (run.json, JSON log events). Output only:
 * the core never parses JSON, and keeping this small writer keeps {@code domain} free of
 * third-party dependencies. Maps are written in their iteration order; pass sorted maps for
 * stable output.
 */
public final class JsonText {

    private JsonText() {
    }

    /** Writes a value: null, String, Number, Boolean, Optional, Map, Collection, or anything else as its string. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, -1, 0);
        return sb.toString();
    }

    /** Like {@link #write}, indented by two spaces per level, ending with a newline. */
    public static String pretty(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value, 2, 0);
        return sb.append('\n').toString();
    }

    private static void append(StringBuilder sb, Object value, int indent, int depth) {
        if (value instanceof Optional<?> o) {
            append(sb, o.orElse(null), indent, depth);
        } else if (value == null) {
            sb.append("null");
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            sb.append(value);
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            sb.append(Double.isFinite(d) ? String.valueOf(d) : "null");
        } else if (value instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append(first ? "" : ",");
                newline(sb, indent, depth + 1);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(indent < 0 ? ":" : ": ");
                append(sb, e.getValue(), indent, depth + 1);
                first = false;
            }
            if (!map.isEmpty()) {
                newline(sb, indent, depth);
            }
            sb.append('}');
        } else if (value instanceof Collection<?> list) {
            sb.append('[');
            boolean first = true;
            for (Object item : list) {
                sb.append(first ? "" : ",");
                newline(sb, indent, depth + 1);
                append(sb, item, indent, depth + 1);
                first = false;
            }
            if (!list.isEmpty()) {
                newline(sb, indent, depth);
            }
            sb.append(']');
        } else {
            quote(sb, value.toString());
        }
    }

    private static void newline(StringBuilder sb, int indent, int depth) {
        if (indent >= 0) {
            sb.append('\n').append(" ".repeat(indent * depth));
        }
    }

    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
