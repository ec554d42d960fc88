package dev.workflowrun.survey.bash;

import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterBash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a wrapper with the tree-sitter bash grammar and flattens it into the commands it runs,
 * in execution order: a function's body is walked where the function is called (so an operation
 * hidden in a function is still seen where it happens) and the EXIT trap's handler is walked last.
 */
public final class BashParser {

    private BashParser() {
    }

    /**
     * The deepest syntax tree the survey walks. Its readers recurse over the tree, so a wrapper
     * nested deeper (thousands of functions inside functions) is refused before they start,
     * instead of overflowing the stack half-way through a survey. Real wrappers nest a few levels.
     */
    public static final int MAX_DEPTH = 200;

    /** A wrapper nested deeper than {@link #MAX_DEPTH}. */
    public static final class TooDeepException extends RuntimeException {
        private final int line;

        TooDeepException(int line) {
            super("nests more than " + MAX_DEPTH + " syntax levels deep (at line " + line + ")");
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /**
     * One parser per thread, with the grammar set once. A parser and a grammar per wrapper cost more
     * than the parse itself: each is a native object released by a cleaner, and the grammar's release
     * fails (the binding lacks {@code ts_language_delete}) with an error built and thrown every time.
     */
    private static final ThreadLocal<TSParser> PARSER = ThreadLocal.withInitial(() -> {
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterBash());
        return parser;
    });

    public static BashScript parse(String source) {
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        TSParser parser = PARSER.get();
        parser.reset();
        TSTree tree = parser.parseString(null, source);
        Walker walker = new Walker(bytes);
        SyntaxNode root;
        try {
            root = SyntaxNode.copy(tree, parser.getLanguage(), bytes);
        } finally {
            // tree-sitter's nodes do not keep their tree alive; its cleaner would free the tree under a copy in progress
            java.lang.ref.Reference.reachabilityFence(tree);
        }
        requireShallow(root);
        walker.collectProblems(root);
        walker.collectFunctions(root);
        walker.visit(root, Context.TOP);
        walker.runExitTrap();
        return new BashScript(walker.steps, walker.assignments, walker.functionLines, walker.traps, walker.problems, walker.loopConditions);
    }

    /** Measures the depth without recursing (the measure must not overflow on what it guards against). */
    private static void requireShallow(SyntaxNode root) {
        Deque<SyntaxNode> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(root);
        depths.push(0);
        while (!nodes.isEmpty()) {
            SyntaxNode node = nodes.pop();
            int depth = depths.pop();
            if (depth > MAX_DEPTH) {
                throw new TooDeepException(node.getStartPoint().getRow() + 1);
            }
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                nodes.push(node.getNamedChild(i));
                depths.push(depth + 1);
            }
        }
    }

    private record Context(String function, int loop, String guard, boolean oneShot, int pipeline, boolean onExit,
                           String stdin, String stdout, List<String> positional, int callLine) {
        static final Context TOP = new Context("", 0, "", false, 1, false, "", "", List.of(), 0);

        Context inFunction(String name) {
            return new Context(name, loop, guard, oneShot, pipeline, onExit, stdin, stdout, positional, callLine);
        }

        Context called(String name, List<String> args, int line) {
            return new Context(name, loop, guard, oneShot, pipeline, onExit, stdin, stdout, List.copyOf(args),
                    callLine == 0 ? line : callLine);
        }

        Context inLoop(int id) {
            return new Context(function, id, guard, oneShot, pipeline, onExit, stdin, stdout, positional, callLine);
        }

        Context guarded(String condition, boolean latch) {
            return new Context(function, loop, condition, latch, pipeline, onExit, stdin, stdout, positional, callLine);
        }

        Context piped(int stages) {
            return new Context(function, loop, guard, oneShot, stages, onExit, stdin, stdout, positional, callLine);
        }

        Context redirected(String in, String out) {
            return new Context(function, loop, guard, oneShot, pipeline, onExit, in.isEmpty() ? stdin : in, out.isEmpty() ? stdout : out,
                    positional, callLine);
        }

        Context exiting() {
            return new Context(function, loop, guard, oneShot, pipeline, true, stdin, stdout, positional, callLine);
        }

        /** A call's argument with the caller's own {@code $1..$9} replaced, so every frame speaks in global names. */
        String bind(String text) {
            if (positional.isEmpty() || text.indexOf('$') < 0) {
                return text;
            }
            Matcher m = POSITIONAL.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                int n = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
                m.appendReplacement(out, Matcher.quoteReplacement(n <= positional.size() ? positional.get(n - 1) : ""));
            }
            m.appendTail(out);
            return out.toString();
        }
    }

    static final Pattern POSITIONAL = Pattern.compile("\\$\\{([1-9])}|\\$([1-9])");

    private static final class Walker {
        private final byte[] bytes;
        final List<Step> steps = new ArrayList<>();
        final List<Assignment> assignments = new ArrayList<>();
        final List<ParseProblem> problems = new ArrayList<>();
        final Map<String, Integer> functionLines = new LinkedHashMap<>();
        final Map<String, String> traps = new LinkedHashMap<>();
        final Map<Integer, String> loopConditions = new LinkedHashMap<>();
        private final Map<String, SyntaxNode> functions = new LinkedHashMap<>();
        private final Deque<String> calling = new ArrayDeque<>();
        private int loops;

        Walker(byte[] bytes) {
            this.bytes = bytes;
        }

        String text(SyntaxNode node) {
            return new String(bytes, node.getStartByte(), node.getEndByte() - node.getStartByte(), StandardCharsets.UTF_8);
        }

        static int line(SyntaxNode node) {
            return node.getStartPoint().getRow() + 1;
        }

        void collectProblems(SyntaxNode node) {
            if (node.isError()) {
                node = firstOffending(node);
                String t = text(node).strip();
                int nl = t.indexOf('\n');
                String head = nl < 0 ? t : t.substring(0, nl);
                if (head.length() > 40) {
                    head = head.substring(0, 40) + "...";
                }
                problems.add(new ParseProblem(line(node), node.getStartPoint().getColumn() + 1,
                        "the bash grammar cannot parse '" + head + "'"));
                return;
            }
            if (node.isMissing()) {
                problems.add(new ParseProblem(line(node), node.getStartPoint().getColumn() + 1,
                        "missing '" + node.getType() + "' (an unclosed quote, bracket or block?)"));
                return;
            }
            for (int i = 0; i < node.getChildCount(); i++) {
                collectProblems(node.getChild(i));
            }
        }

        /** Inside an ERROR node, the first token that is not part of a complete statement: where a person should look. */
        private SyntaxNode firstOffending(SyntaxNode error) {
            for (int i = 0; i < error.getChildCount(); i++) {
                SyntaxNode child = error.getChild(i);
                if (child.isError()) {
                    return firstOffending(child);
                }
                if (!child.isNamed() || child.hasError()) {
                    return child;
                }
            }
            return error;
        }

        void collectFunctions(SyntaxNode node) {
            if (node.getType().equals("function_definition")) {
                SyntaxNode name = node.getChildByFieldName("name");
                if (!name.isNull()) {
                    functions.putIfAbsent(text(name), node.getChildByFieldName("body"));
                    functionLines.putIfAbsent(text(name), line(node));
                }
            }
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                collectFunctions(node.getNamedChild(i));
            }
        }

        void runExitTrap() {
            String handler = traps.get("EXIT");
            if (handler == null) {
                return;
            }
            SyntaxNode body = functions.get(handler);
            if (body != null && body != null && !body.isNull()) {
                calling.push(handler);
                visit(body, Context.TOP.inFunction(handler).exiting());
                calling.pop();
            }
        }

        void visit(SyntaxNode node, Context ctx) {
            switch (node.getType()) {
                case "function_definition", "comment" -> {
                    // a definition runs nothing; its body is walked where it is called
                }
                case "command" -> command(node, ctx);
                case "variable_assignment" -> {
                    assignment(node, ctx, false);
                    visitChildren(node, ctx);
                }
                case "declaration_command" -> declaration(node, ctx);
                case "while_statement", "until_statement", "for_statement", "c_style_for_statement" -> {
                    int id = ++loops;
                    SyntaxNode condition = node.getChildByFieldName("condition");
                    loopConditions.put(id, condition.isNull() ? "" : text(condition));
                    visitChildren(node, ctx.inLoop(id));
                }
                case "if_statement" -> ifStatement(node, ctx);
                case "pipeline" -> visitChildren(node, ctx.pipeline() > 1 ? ctx : ctx.piped(stages(node)));
                case "redirected_statement" -> redirected(node, ctx);
                default -> visitChildren(node, ctx);
            }
        }

        /** tree-sitter nests {@code a | b | c} as pipelines of pipelines; count the commands. */
        private static int stages(SyntaxNode pipeline) {
            int n = 0;
            for (int i = 0; i < pipeline.getNamedChildCount(); i++) {
                SyntaxNode child = pipeline.getNamedChild(i);
                n += child.getType().equals("pipeline") ? stages(child) : child.getType().equals("comment") ? 0 : 1;
            }
            return n;
        }

        private void visitChildren(SyntaxNode node, Context ctx) {
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                visit(node.getNamedChild(i), ctx);
            }
        }

        private void command(SyntaxNode node, Context ctx) {
            SyntaxNode nameNode = node.getChildByFieldName("name");
            String name = nameNode.isNull() ? "" : unquote(text(nameNode));
            List<String> args = new ArrayList<>();
            List<SyntaxNode> nested = new ArrayList<>();
            int endRow = nameNode.isNull() ? -1 : nameNode.getEndPoint().getRow();
            int endByte = nameNode.isNull() ? -1 : nameNode.getEndByte();
            List<List<SyntaxNode>> glued = new ArrayList<>();
            for (int i = 0; i < node.getChildCount(); i++) {
                SyntaxNode child = node.getChild(i);
                String field = node.getFieldNameForChild(i);
                if ("argument".equals(field) && endRow >= 0 && child.getStartPoint().getRow() > endRow
                        && !new String(bytes, endByte, child.getStartByte() - endByte, StandardCharsets.UTF_8).contains("\\\n")) {
                    // the grammar glues a command ending in a bare '-' to the next line's command: split them again
                    glued.add(new ArrayList<>());
                }
                if ("argument".equals(field) && !glued.isEmpty()) {
                    glued.get(glued.size() - 1).add(child);
                    endRow = child.getEndPoint().getRow();
                    endByte = child.getEndByte();
                    continue;
                }
                if ("argument".equals(field)) {
                    endRow = child.getEndPoint().getRow();
                    endByte = child.getEndByte();
                    args.add(unquote(text(child)));
                    nested.add(child);
                } else if (child.getType().equals("variable_assignment")) {
                    assignment(child, ctx, false);
                    nested.add(child);
                }
            }
            if (!name.isEmpty()) {
                String own = glued.isEmpty() ? text(node)
                        : new String(bytes, node.getStartByte(), endOf(nested, nameNode) - node.getStartByte(), StandardCharsets.UTF_8);
                steps.add(new Step(name, args, own, line(node), ctx.function(), ctx.loop(), ctx.guard(), ctx.oneShot(),
                        ctx.pipeline(), ctx.onExit(), ctx.stdin(), ctx.stdout(), ctx.positional(), ctx.callLine()));
            }
            for (List<SyntaxNode> g : glued) {
                List<String> words = g.stream().map(n -> unquote(text(n))).toList();
                int start = g.get(0).getStartByte();
                int end = g.get(g.size() - 1).getEndByte();
                steps.add(new Step(words.get(0), words.subList(1, words.size()), new String(bytes, start, end - start, StandardCharsets.UTF_8),
                        line(g.get(0)), ctx.function(), ctx.loop(), ctx.guard(), ctx.oneShot(), 1, ctx.onExit(), "", "",
                        ctx.positional(), ctx.callLine()));
                g.forEach(n -> visit(n, ctx));
            }
            for (SyntaxNode n : nested) {
                visit(n, ctx);
            }
            if (name.equals("trap") && args.size() >= 2) {
                for (String signal : args.subList(1, args.size())) {
                    traps.put(signal.toUpperCase(java.util.Locale.ROOT).replaceFirst("^SIG", ""), args.get(0));
                }
            }
            SyntaxNode body = functions.get(name);
            if (body != null && !body.isNull() && !calling.contains(name)) {
                calling.push(name);
                visit(body, ctx.called(name, args.stream().map(ctx::bind).toList(), line(node)));
                calling.pop();
            }
        }

        private static int endOf(List<SyntaxNode> nested, SyntaxNode name) {
            int end = name.getEndByte();
            for (SyntaxNode n : nested) {
                end = Math.max(end, n.getEndByte());
            }
            return end;
        }

        private void assignment(SyntaxNode node, Context ctx, boolean exported) {
            SyntaxNode name = node.getChildByFieldName("name");
            SyntaxNode value = node.getChildByFieldName("value");
            if (name.isNull()) {
                return;
            }
            assignments.add(new Assignment(text(name), value.isNull() ? "" : unquote(text(value)), line(node), exported,
                    ctx.function(), false, ctx.positional()));
        }

        private void declaration(SyntaxNode node, Context ctx) {
            boolean exported = text(node).startsWith("export");
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                SyntaxNode child = node.getNamedChild(i);
                if (child.getType().equals("variable_assignment")) {
                    assignment(child, ctx, exported);
                    visitChildren(child, ctx);
                } else if (child.getType().equals("variable_name")) {
                    assignments.add(new Assignment(text(child), "", line(child), exported, ctx.function(), true, ctx.positional()));
                }
            }
        }

        private void ifStatement(SyntaxNode node, Context ctx) {
            List<SyntaxNode> conditions = new ArrayList<>();
            List<SyntaxNode> body = new ArrayList<>();
            List<SyntaxNode> alternatives = new ArrayList<>();
            for (int i = 0; i < node.getChildCount(); i++) {
                SyntaxNode child = node.getChild(i);
                if (!child.isNamed()) {
                    continue;
                }
                if ("condition".equals(node.getFieldNameForChild(i))) {
                    conditions.add(child);
                } else if (child.getType().equals("elif_clause") || child.getType().equals("else_clause")) {
                    alternatives.add(child);
                } else {
                    body.add(child);
                }
            }
            StringBuilder cond = new StringBuilder();
            for (SyntaxNode c : conditions) {
                cond.append(cond.length() == 0 ? "" : "; ").append(text(c));
                visit(c, ctx);
            }
            Set<String> assigned = new LinkedHashSet<>();
            body.forEach(b -> assignedNames(b, assigned));
            boolean latch = assigned.stream().anyMatch(v -> cond.indexOf(v) >= 0 && Pattern.compile("(\\$\\{?|\\b)" + Pattern.quote(v) + "\\b")
                    .matcher(cond).find());
            Context inner = ctx.guarded(cond.toString(), latch);
            body.forEach(b -> visit(b, inner));
            Context otherwise = ctx.guarded("not (" + cond + ")", false);
            alternatives.forEach(a -> visitChildren(a, otherwise));
        }

        private void assignedNames(SyntaxNode node, Set<String> into) {
            if (node.getType().equals("variable_assignment")) {
                SyntaxNode name = node.getChildByFieldName("name");
                if (!name.isNull()) {
                    into.add(text(name));
                }
            }
            for (int i = 0; i < node.getNamedChildCount(); i++) {
                assignedNames(node.getNamedChild(i), into);
            }
        }

        private void redirected(SyntaxNode node, Context ctx) {
            String in = "";
            String out = "";
            SyntaxNode body = null;
            for (int i = 0; i < node.getChildCount(); i++) {
                SyntaxNode child = node.getChild(i);
                String field = node.getFieldNameForChild(i);
                if ("body".equals(field)) {
                    body = child;
                } else if (child.getType().equals("file_redirect")) {
                    String t = text(child).strip();
                    SyntaxNode dest = child.getChildByFieldName("destination");
                    String target = dest.isNull() ? "" : unquote(text(dest));
                    if (t.startsWith("<")) {
                        in = target;
                    } else if (t.startsWith(">") || t.startsWith("1>")) {
                        out = target;
                    }
                    if (!dest.isNull()) {
                        visit(dest, ctx);
                    }
                } else if (child.getType().equals("heredoc_redirect")) {
                    in = "<<" + text(child);
                } else if (child.isNamed() && body == null) {
                    body = child;
                } else if (child.isNamed()) {
                    visit(child, ctx);
                }
            }
            if (body != null) {
                visit(body, ctx.redirected(in, out));
            }
        }
    }

    static String unquote(String text) {
        if (text.length() >= 2) {
            char first = text.charAt(0);
            char last = text.charAt(text.length() - 1);
            if ((first == '"' || first == '\'') && first == last) {
                return text.substring(1, text.length() - 1);
            }
        }
        return text;
    }
}
