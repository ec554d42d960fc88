package dev.workflowrun.domain.text;

/**
 * Text from files and flags made safe to print on a terminal: control characters (escape codes,
 * carriage returns, NUL) are shown as {@code \\uXXXX} (tab and newline as {@code \\t}, {@code \\n}),
 * so a name can neither rewrite the screen nor hide what follows it.
 */
public final class Printable {

    private Printable() {
    }

    public static String of(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069');
            if (control && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (sb != null) {
                if (!control) {
                    sb.append(c);
                } else if (c == '\t') {
                    sb.append("\\t");
                } else if (c == '\n') {
                    sb.append("\\n");
                } else {
                    sb.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return sb == null ? text : sb.toString();
    }
}
