package dev.workflowrun.survey.bash;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /** Expands text written inside a function call whose arguments are {@code positional} ($1, $2, ...). */
    public String expand(String text, java.util.List<String> positional) {
        return expand(bindPositional(text, positional), new HashSet<>());
    }

    static String bindPositional(String text, java.util.List<String> positional) {
        if (positional.isEmpty() || text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = BashParser.POSITIONAL.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(n <= positional.size() ? BashParser.unquote(positional.get(n - 1)) : ""));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The largest value among the operands of a condition's comparisons, each evaluated as shell arithmetic. */
    public Optional<Long> threshold(String condition, java.util.List<String> positional) {
        String bound = bindPositional(condition, positional);
        Long best = null;
        for (String operand : COMPARISON.split(bound.replaceAll("\\$\\(date[^)]*\\)", "0"))) {
            String o = operand.replaceAll("[\\[\\]\"()]", " ").strip();
            if (o.isEmpty() || !o.matches("[\\sA-Za-z0-9_${}+*/%-]+")) {
                continue;
            }
            String e = expand(o, new HashSet<>()).strip();
            Optional<Long> n = number(e);
            if (n.isEmpty() && e.matches("[\\s0-9A-Za-z_+*/%-]+") && !e.isBlank()) {
                n = Optional.of(Arithmetic.evaluate(e, x -> lookup(x, new HashSet<>())));
            }
            if (n.isPresent() && (best == null || n.get() > best)) {
                best = n.get();
            }
        }
        Optional<Long> tokens = threshold(bound);
        if (best == null || tokens.isPresent() && tokens.get() > best && !bound.matches("(?s).*[0-9]\\s*\\*\\s*[0-9].*")) {
            return tokens;
        }
        return Optional.of(best);
    }

    private static final Pattern COMPARISON = Pattern.compile(
            "\\s-(?:lt|le|gt|ge|eq|ne)\\s|<=|>=|==|!=|<|>|&&|\\|\\||;|\\bthen\\b");

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
        return expand(bindPositional(a.get().value(), a.get().positional()), inner);
    }

    private String expand(String text, Set<String> resolving) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
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
                out.append(cmd.equals("date +%s") ? "0" : cmd.startsWith("date") ? "<date>"
                        : cmd.startsWith("printf ") ? printf(cmd, resolving) : "<$(" + cmd + ")>");
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

    /**
     * {@code printf 'FORMAT' ARGS...} the way bash runs it: the format is reused until the arguments are
     * consumed; an array expansion ({@code "${A[@]}"}) gives one argument per element. Only {@code %s} is understood.
     */
    private String printf(String command, Set<String> resolving) {
        List<String> words = words(command.substring("printf ".length()));
        if (words.isEmpty()) {
            return "<$(" + command + ")>";
        }
        String format = words.get(0);
        List<String> args = new ArrayList<>();
        for (String w : words.subList(1, words.size())) {
            String v = expand(w, resolving).strip();
            if (w.contains("[@]") || w.contains("[*]")) {
                if (v.startsWith("(") && v.endsWith(")")) {
                    v = v.substring(1, v.length() - 1);
                }
                args.addAll(List.of(v.strip().split("\\s+")));
            } else {
                args.add(v);
            }
        }
        int per = Math.max(1, format.split("%s", -1).length - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.max(1, args.size()); i += per) {
            String f = format;
            for (int j = 0; j < per; j++) {
                String a = i + j < args.size() ? args.get(i + j) : "";
                f = f.replaceFirst("%s", Matcher.quoteReplacement(a));
            }
            out.append(f.replace("\\n", "\n"));
        }
        return out.toString();
    }

    /** Shell words with their quotes removed (single quotes keep {@code $} literal, which is all printf formats need). */
    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || w.length() > 0) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
            }
        }
        if (any || w.length() > 0) {
            out.add(w.toString());
        }
        return out;
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
