package dev.workflowrun.survey.bash;

import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSPoint;
import org.treesitter.TSSymbolType;
import org.treesitter.TSTree;
import org.treesitter.TSTreeCursor;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A syntax tree node copied out of tree-sitter once, with the accessors of {@link TSNode} that the
 * parser's readers use. Every {@link TSNode} accessor is a JNI call that reads the node's fields and
 * often allocates a new node or string; the readers walk the tree several times and touch each node
 * a dozen times, which cost far more than the parse. Copying costs one pass with a tree cursor.
 */
final class SyntaxNode {

    /** What an absent child is, as {@link TSNode#isNull()} is for tree-sitter. */
    static final SyntaxNode NULL = new SyntaxNode();

    private final String type;
    private final boolean named;
    private final boolean error;
    private final boolean missing;
    private boolean hasError;
    private final int startByte;
    private final int endByte;
    private final int startRow;
    private final int startColumn;
    private final int endRow;
    private final int endColumn;
    private final List<SyntaxNode> children = new ArrayList<>();
    private final List<String> fields = new ArrayList<>();
    private final List<SyntaxNode> namedChildren = new ArrayList<>();

    private SyntaxNode() {
        type = "";
        named = false;
        error = false;
        missing = false;
        hasError = false;
        startByte = endByte = startRow = startColumn = endRow = endColumn = 0;
    }

    private SyntaxNode(String type, boolean named, boolean error, boolean missing, int startByte, int endByte, Lines lines) {
        this.type = type;
        this.named = named;
        this.error = error;
        this.missing = missing;
        this.startByte = startByte;
        this.endByte = endByte;
        this.startRow = lines.row(startByte);
        this.startColumn = startByte - lines.start(startRow);
        this.endRow = lines.row(endByte);
        this.endColumn = endByte - lines.start(endRow);
    }

    /**
     * Copies the whole tree with one tree cursor, without recursing (a deeply nested script cannot
     * overflow the stack here). Per node it asks tree-sitter for the node, its symbol and its byte
     * range; types, fields and whether a node is named come from the grammar once per symbol, rows
     * and columns from the source's line starts (tree-sitter's columns are bytes too), and
     * "has an error" from the copied children.
     */
    static SyntaxNode copy(TSTree tree, TSLanguage language, byte[] source) {
        Grammar grammar = Grammar.of(language);
        Lines lines = new Lines(source);
        TSTreeCursor cursor = new TSTreeCursor(tree.getRootNode());
        Deque<SyntaxNode> parents = new ArrayDeque<>();
        SyntaxNode root = null;
        while (true) {
            SyntaxNode node = grammar.node(cursor.currentNode(), lines);
            if (parents.isEmpty()) {
                root = node;
            } else {
                SyntaxNode parent = parents.peek();
                parent.children.add(node);
                parent.fields.add(grammar.field(cursor.currentFieldId()));
                if (node.named) {
                    parent.namedChildren.add(node);
                }
            }
            if (cursor.gotoFirstChild()) {
                parents.push(node);
                continue;
            }
            while (!cursor.gotoNextSibling()) {
                if (parents.isEmpty() || !cursor.gotoParent()) {
                    root.settleErrors();
                    return root;
                }
                parents.pop();
            }
        }
    }

    /** tree-sitter's "has an error": an ERROR or MISSING node, or one above it. Computed bottom-up without recursing. */
    private void settleErrors() {
        List<SyntaxNode> order = new ArrayList<>();
        Deque<SyntaxNode> todo = new ArrayDeque<>();
        todo.push(this);
        while (!todo.isEmpty()) {
            SyntaxNode n = todo.pop();
            order.add(n);
            n.children.forEach(todo::push);
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            SyntaxNode n = order.get(i);
            n.hasError = n.error || n.missing || n.children.stream().anyMatch(c -> c.hasError);
        }
    }

    /** Per symbol and per field id, what the grammar says, asked once per language. */
    private static final class Grammar {
        private static final Map<TSLanguage, Grammar> BY_LANGUAGE = Collections.synchronizedMap(new IdentityHashMap<>());
        private static final int ERROR_SYMBOL = 65535;

        private final TSLanguage language;
        private final Map<Integer, String> types = new ConcurrentHashMap<>();
        private final Map<Integer, Boolean> named = new ConcurrentHashMap<>();
        private final Map<Integer, String> fields = new ConcurrentHashMap<>();

        private Grammar(TSLanguage language) {
            this.language = language;
        }

        static Grammar of(TSLanguage language) {
            return BY_LANGUAGE.computeIfAbsent(language, Grammar::new);
        }

        SyntaxNode node(TSNode node, Lines lines) {
            int symbol = NodeFields.symbol(node);
            int start = NodeFields.startByte(node);
            int end = NodeFields.endByte(node);
            String type = types.computeIfAbsent(symbol, s -> s == ERROR_SYMBOL ? "ERROR" : language.symbolName(s));
            boolean isNamed = named.computeIfAbsent(symbol, s -> s == ERROR_SYMBOL
                    || language.symbolType(s) == TSSymbolType.TSSymbolTypeRegular);
            // a MISSING node is one the parser inserted: it spans no text, so only empty nodes need asking
            boolean missing = start == end && node.isMissing();
            return new SyntaxNode(type, isNamed, symbol == ERROR_SYMBOL, missing, start, end, lines);
        }

        String field(int id) {
            return id == 0 ? null : fields.computeIfAbsent(id, language::fieldNameForId);
        }
    }

    /**
     * A node's symbol and byte range, read without the binding's per-call null check. Each public accessor of
     * {@link TSNode} makes two JNI calls (is the node null? then the field), and a JNI call that takes a node
     * reads the node's fields back from the Java object: about 0.4 µs each, three accessors for each of 500
     * nodes of a 37-line wrapper, which cost more than the parse. A node from a tree cursor is never null, so
     * this calls the binding's own native functions directly, and takes the start byte from the node's copy of
     * tree-sitter's {@code context[0]} (which is what {@code ts_node_start_byte} returns). Should the binding
     * change those internals, the lookups fail once, at class initialisation, and the public accessors are used.
     */
    static final class NodeFields {
        private static final MethodHandle SYMBOL;
        private static final MethodHandle END_BYTE;
        private static final VarHandle START_BYTE;

        static {
            MethodHandle symbol = null;
            MethodHandle endByte = null;
            VarHandle startByte = null;
            try {
                MethodHandles.Lookup natives = MethodHandles.privateLookupIn(TSParser.class, MethodHandles.lookup());
                symbol = natives.findStatic(TSParser.class, "ts_node_symbol", MethodType.methodType(int.class, TSNode.class));
                endByte = natives.findStatic(TSParser.class, "ts_node_end_byte", MethodType.methodType(int.class, TSNode.class));
                startByte = MethodHandles.privateLookupIn(TSNode.class, MethodHandles.lookup())
                        .findVarHandle(TSNode.class, "context0", int.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                symbol = null;
                endByte = null;
                startByte = null;
            }
            SYMBOL = symbol;
            END_BYTE = endByte;
            START_BYTE = startByte;
        }

        private NodeFields() {
        }

        static boolean direct() {
            return SYMBOL != null;
        }

        static int symbol(TSNode node) {
            if (SYMBOL == null) {
                return node.getSymbol();
            }
            try {
                return (int) SYMBOL.invokeExact(node);
            } catch (Throwable e) {
                throw rethrown(e);
            }
        }

        static int startByte(TSNode node) {
            return START_BYTE == null ? node.getStartByte() : (int) START_BYTE.get(node);
        }

        static int endByte(TSNode node) {
            if (END_BYTE == null) {
                return node.getEndByte();
            }
            try {
                return (int) END_BYTE.invokeExact(node);
            } catch (Throwable e) {
                throw rethrown(e);
            }
        }

        private static RuntimeException rethrown(Throwable e) {
            if (e instanceof RuntimeException r) {
                return r;
            }
            if (e instanceof Error err) {
                throw err;
            }
            return new IllegalStateException(e);
        }
    }

    /** Byte offsets of line starts, to turn a byte offset into tree-sitter's row and column. */
    private static final class Lines {
        private final int[] starts;

        Lines(byte[] source) {
            int count = 1;
            for (byte b : source) {
                if (b == '\n') {
                    count++;
                }
            }
            starts = new int[count];
            int row = 1;
            for (int i = 0; i < source.length; i++) {
                if (source[i] == '\n') {
                    starts[row++] = i + 1;
                }
            }
        }

        int row(int offset) {
            int at = java.util.Arrays.binarySearch(starts, offset);
            return at >= 0 ? at : -at - 2;
        }

        int start(int row) {
            return starts[row];
        }
    }

    String getType() {
        return type;
    }

    boolean isNull() {
        return this == NULL;
    }

    boolean isNamed() {
        return named;
    }

    boolean isError() {
        return error;
    }

    boolean isMissing() {
        return missing;
    }

    boolean hasError() {
        return hasError;
    }

    int getStartByte() {
        return startByte;
    }

    int getEndByte() {
        return endByte;
    }

    TSPoint getStartPoint() {
        return new TSPoint(startRow, startColumn);
    }

    TSPoint getEndPoint() {
        return new TSPoint(endRow, endColumn);
    }

    int getChildCount() {
        return children.size();
    }

    SyntaxNode getChild(int i) {
        return children.get(i);
    }

    /** The field this node's i-th child fills ({@code name}, {@code argument}, ...), or null. */
    String getFieldNameForChild(int i) {
        return fields.get(i);
    }

    int getNamedChildCount() {
        return namedChildren.size();
    }

    SyntaxNode getNamedChild(int i) {
        return namedChildren.get(i);
    }

    /** The first child filling the field, or {@link #NULL}. */
    SyntaxNode getChildByFieldName(String field) {
        for (int i = 0; i < children.size(); i++) {
            if (field.equals(fields.get(i))) {
                return children.get(i);
            }
        }
        return NULL;
    }
}
