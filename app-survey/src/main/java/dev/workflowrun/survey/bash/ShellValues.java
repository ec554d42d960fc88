package dev.workflowrun.survey.bash;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a wrapper's expansions statically, the way the wrapper would at start time, so knobs
 * can be reported as values: the CronJob's environment wins, then the wrapper's own assignment.
 * Time is taken as zero ({@code $(date +%s)}, {@code $SECONDS}), which turns "now + 60 * 60" into
 * the deadline's length.
 */
public final class ShellValues {

    private static final Pattern TOKEN = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?|\\b([A-Za-z_][A-Za-z0-9_]*)\\b|\\b([0-9]+)\\b");

    private static final Pattern NAME_AND_OPERATOR = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)(.*)$", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*");

    private final BashScript script;
    private final Map<String, String> environment;

    public ShellValues(BashScript script, Map<String, String> environment) {
        this.script = script;
        this.environment = Map.copyOf(environment);
    }

    /** The value a variable has once the wrapper's assignments ran; empty when nothing sets it. */
    public Optional<String> value(String name) {
        String v = lookup(name, new HashSet<>());
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public String expand(String text) {
        return expand(text, new HashSet<>());
    }

    /** The largest number among the variables and literals of a condition, in the condition's units. */
    public Optional<Long> threshold(String condition) {
        Long best = null;
        Matcher m = TOKEN.matcher(condition.replaceAll("\\$\\(date[^)]*\\)", "0"));
        while (m.find()) {
            Optional<Long> n;
            if (m.group(3) != null) {
                n = Optional.of(Long.parseLong(m.group(3)));
            } else {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                n = number(lookup(name, new HashSet<>()));
            }
            if (n.isPresent() && (best == null || n.get() > best)) {
                best = n.get();
            }
        }
        return Optional.ofNullable(best);
    }

    private String lookup(String name, Set<String> resolving) {
        if (name.equals("SECONDS")) {
            return "0";
        }
        if (name.equals("HOSTNAME")) {
            return "<hostname>";
        }
        if (resolving.contains(name)) {
            return environment.getOrDefault(name, "");
        }
        Optional<Assignment> a = script.lastAssignment(name);
        if (a.isEmpty()) {
            return environment.getOrDefault(name, "");
        }
        Set<String> inner = new HashSet<>(resolving);
        inner.add(name);
        return expand(a.get().value(), inner);
    }

    private String expand(String text, Set<String> resolving) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (text.startsWith("$((", i)) {
                int end = closing(text, i + 1, '(', ')');
                String inner = text.substring(i + 3, Math.max(i + 3, end - 1));
                out.append(Arithmetic.evaluate(expand(inner, resolving), n -> lookup(n, resolving)));
                i = end + 1;
            } else if (text.charAt(i + 1) == '(') {
                int end = closing(text, i + 1, '(', ')');
                String cmd = text.substring(i + 2, end).strip();
                out.append(cmd.equals("date +%s") ? "0" : cmd.startsWith("date") ? "<date>" : "<$(" + cmd + ")>");
                i = end + 1;
            } else if (text.charAt(i + 1) == '{') {
                int end = closing(text, i + 1, '{', '}');
                String inner = text.substring(i + 2, end);
                Matcher m = NAME_AND_OPERATOR.matcher(inner);
                out.append(m.matches() ? operator(lookup(m.group(1), resolving), m.group(2), resolving) : "");
                i = end + 1;
            } else {
                Matcher m = NAME.matcher(text.substring(i + 1));
                if (m.find()) {
                    out.append(lookup(m.group(), resolving));
                    i += 1 + m.end();
                } else {
                    out.append(c);
                    i++;
                }
            }
        }
        return out.toString();
    }

    /** The index of the bracket closing the one at {@code open} (or the text's end), counting nesting. */
    private static int closing(String text, int open, char opening, char closing) {
        int depth = 0;
        for (int j = open; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return j;
            }
        }
        return text.length() - 1;
    }

    private String operator(String base, String op, Set<String> resolving) {
        if (op.isEmpty()) {
            return base;
        }
        if (op.startsWith(":-") || op.startsWith("-")) {
            return base.isEmpty() ? expand(op.substring(op.indexOf('-') + 1), resolving) : base;
        }
        if (op.startsWith(":?") || op.startsWith(":+") || op.startsWith("?")) {
            return base;
        }
        if (op.startsWith("##")) {
            return stripPrefix(base, op.substring(2), true);
        }
        if (op.startsWith("#")) {
            return stripPrefix(base, op.substring(1), false);
        }
        if (op.startsWith("%%")) {
            return stripSuffix(base, op.substring(2), true);
        }
        if (op.startsWith("%")) {
            return stripSuffix(base, op.substring(1), false);
        }
        return base;
    }

    /** {@code ${X##*-}}-style removal; only the glob {@code *} is understood, which is what wrappers use. */
    static String stripPrefix(String value, String glob, boolean longest) {
        Pattern p = Pattern.compile("^" + globToRegex(glob, longest));
        Matcher m = p.matcher(value);
        return m.find() ? value.substring(m.end()) : value;
    }

    static String stripSuffix(String value, String glob, boolean longest) {
        for (int start = longest ? 0 : value.length(); longest ? start <= value.length() : start >= 0; start += longest ? 1 : -1) {
            if (value.substring(start).matches(globToRegex(glob, true))) {
                return value.substring(0, start);
            }
        }
        return value;
    }

    private static String globToRegex(String glob, boolean greedy) {
        StringBuilder r = new StringBuilder();
        for (char c : glob.toCharArray()) {
            r.append(c == '*' ? (greedy ? ".*" : ".*?") : Pattern.quote(String.valueOf(c)));
        }
        return r.toString();
    }

    static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Integer arithmetic of {@code $(( ))}: + - * / % and parentheses; unknown names count as 0. */
    static final class Arithmetic {
        private final String s;
        private final java.util.function.Function<String, String> vars;
        private int pos;

        private Arithmetic(String s, java.util.function.Function<String, String> vars) {
            this.s = s;
            this.vars = vars;
        }

        static long evaluate(String expression, java.util.function.Function<String, String> vars) {
            try {
                return new Arithmetic(expression, vars).sum();
            } catch (RuntimeException e) {
                return 0;
            }
        }

        private long sum() {
            long v = product();
            while (true) {
                skip();
                if (peek('+')) {
                    pos++;
                    v += product();
                } else if (peek('-')) {
                    pos++;
                    v -= product();
                } else {
                    return v;
                }
            }
        }

        private long product() {
            long v = atom();
            while (true) {
                skip();
                if (peek('*')) {
                    pos++;
                    v *= atom();
                } else if (peek('/')) {
                    pos++;
                    long d = atom();
                    v = d == 0 ? 0 : v / d;
                } else if (peek('%')) {
                    pos++;
                    long d = atom();
                    v = d == 0 ? 0 : v % d;
                } else {
                    return v;
                }
            }
        }

        private long atom() {
            skip();
            if (peek('(')) {
                pos++;
                long v = sum();
                skip();
                pos++;
                return v;
            }
            if (peek('-')) {
                pos++;
                return -atom();
            }
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '$')) {
                pos++;
            }
            String token = s.substring(start, pos).replace("$", "");
            if (token.isEmpty()) {
                throw new IllegalArgumentException("unexpected character at " + pos);
            }
            if (Character.isDigit(token.charAt(0))) {
                return Long.parseLong(token);
            }
            return number(vars.apply(token)).orElse(0L);
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
