package dev.workflowrun.survey.bash;

import org.treesitter.TSNode;
import org.treesitter.TSPoint;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A syntax tree node copied out of tree-sitter once, with the accessors of {@link TSNode} that the
 * parser's readers use. Every {@link TSNode} accessor is a JNI call that reads the node's fields and
 * often allocates a new node or string; the readers walk the tree several times and touch each node
 * a dozen times, which cost far more than the parse. Copying costs one pass.
 */
final class SyntaxNode {

    /** What an absent child is, as {@link TSNode#isNull()} is for tree-sitter. */
    static final SyntaxNode NULL = new SyntaxNode();

    private final String type;
    private final boolean named;
    private final boolean error;
    private final boolean missing;
    private final boolean hasError;
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

    private SyntaxNode(TSNode node) {
        type = node.getType();
        named = node.isNamed();
        error = node.isError();
        missing = node.isMissing();
        hasError = node.hasError();
        startByte = node.getStartByte();
        endByte = node.getEndByte();
        TSPoint start = node.getStartPoint();
        TSPoint end = node.getEndPoint();
        startRow = start.getRow();
        startColumn = start.getColumn();
        endRow = end.getRow();
        endColumn = end.getColumn();
    }

    /** Copies the whole tree without recursing, so a deeply nested script cannot overflow the stack here. */
    static SyntaxNode copy(TSNode root) {
        SyntaxNode top = new SyntaxNode(root);
        Deque<TSNode> from = new ArrayDeque<>();
        Deque<SyntaxNode> to = new ArrayDeque<>();
        from.push(root);
        to.push(top);
        while (!from.isEmpty()) {
            TSNode node = from.pop();
            SyntaxNode copy = to.pop();
            int count = node.getChildCount();
            for (int i = 0; i < count; i++) {
                TSNode child = node.getChild(i);
                SyntaxNode c = new SyntaxNode(child);
                copy.children.add(c);
                copy.fields.add(node.getFieldNameForChild(i));
                if (c.named) {
                    copy.namedChildren.add(c);
                }
                from.push(child);
                to.push(c);
            }
        }
        return top;
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
