package dev.workflowrun.domain.render;

/**
 * The YAML context a placeholder sits in, read from the template's text (the core has no YAML parser):
 * it decides which characters of a value are data and which would be syntax.
 *
 * <ul>
 *   <li>{@link #BLOCK_SCALAR}: inside a {@code |} or {@code >} block; every character of a one-line value is text.</li>
 *   <li>{@link #DOUBLE_QUOTED}, {@link #SINGLE_QUOTED}: inside quotes; the value's characters (no quotes, no backslash) are text.</li>
 *   <li>{@link #FLOW}: a plain scalar inside {@code [...]} or <code>{...}</code>: {@code ,} ends the item, brackets and braces
 *       end the collection.</li>
 *   <li>{@link #PLAIN}: a plain scalar in block context: {@code ": "} and {@code " #"} (refused for every value) are the syntax.</li>
 * </ul>
 */
public enum YamlContext {
    BLOCK_SCALAR("a block scalar (| or >)"),
    DOUBLE_QUOTED("a double-quoted scalar"),
    SINGLE_QUOTED("a single-quoted scalar"),
    FLOW("a plain scalar in a YAML flow collection ([...] or {...})"),
    PLAIN("a plain scalar in block context");

    private final String description;

    YamlContext(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Characters that are syntax in this context and that a free-text value may hold. */
    public String syntaxIn(String value) {
        if (this != FLOW) {
            return "";
        }
        StringBuilder found = new StringBuilder();
        for (char c : ",[]{}".toCharArray()) {
            if (value.indexOf(c) >= 0) {
                found.append(c);
            }
        }
        return found.toString();
    }

    /** The context at {@code offset} of {@code template}. Best effort on the text; the structure check after rendering is the guard. */
    public static YamlContext at(String template, int offset) {
        int flowDepth = 0;
        int blockIndent = -1; // the indentation of the line that opened a block scalar, while inside it
        int lineStart = 0;
        while (lineStart <= offset) {
            int lineEnd = template.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = template.length();
            }
            String line = template.substring(lineStart, lineEnd);
            int indent = indentation(line);
            if (blockIndent >= 0) {
                if (line.isBlank() || indent > blockIndent) {
                    if (offset <= lineEnd) {
                        return BLOCK_SCALAR;
                    }
                    lineStart = lineEnd + 1;
                    continue;
                }
                blockIndent = -1;
            }
            char quote = 0;
            int limit = offset <= lineEnd ? offset - lineStart : line.length();
            boolean comment = false;
            for (int i = 0; i < limit; i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else if (c == '\\' && quote == '"') {
                        i++;
                    }
                    continue;
                }
                if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
                    comment = true;
                    break;
                }
                if ((c == '"' || c == '\'') && startsScalar(line, i, flowDepth)) {
                    quote = c;
                } else if (c == '[' || c == '{') {
                    flowDepth++;
                } else if ((c == ']' || c == '}') && flowDepth > 0) {
                    flowDepth--;
                }
            }
            if (offset <= lineEnd) {
                if (quote == '"') {
                    return DOUBLE_QUOTED;
                }
                if (quote == '\'') {
                    return SINGLE_QUOTED;
                }
                return comment ? PLAIN : flowDepth > 0 ? FLOW : PLAIN;
            }
            if (opensBlockScalar(line)) {
                blockIndent = indent;
            }
            lineStart = lineEnd + 1;
        }
        return PLAIN;
    }

    /** A quote opens a scalar only where a scalar may start: after ': ', '- ', '[', '{', ',' or at the line's start. */
    private static boolean startsScalar(String line, int i, int flowDepth) {
        int j = i - 1;
        while (j >= 0 && line.charAt(j) == ' ') {
            j--;
        }
        if (j < 0) {
            return true;
        }
        char before = line.charAt(j);
        return before == ':' || before == '-' || before == '[' || before == '{' || (before == ',' && flowDepth > 0) || before == '?';
    }

    private static boolean opensBlockScalar(String line) {
        String code = line.replaceAll("\\s+#.*$", "").stripTrailing();
        return code.matches(".*(:|^\\s*-|^)\\s*[|>][-+0-9]*$");
    }

    private static int indentation(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
