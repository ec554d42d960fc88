package dev.workflowrun.survey.bash;

import dev.workflowrun.survey.Fixtures;
import org.junit.jupiter.api.Test;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterBash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The copied tree answers as tree-sitter's own nodes do, for every node of every wrapper the tests know. */
class SyntaxNodeTest {

    private static final List<String> FIELDS = List.of("name", "body", "condition", "value", "destination", "argument",
            "left", "right", "operator", "variable", "redirect", "descriptor");

    @Test
    void the_copy_has_tree_sitters_types_positions_children_and_fields() throws IOException {
        List<Path> wrappers;
        try (Stream<Path> files = Stream.concat(Files.walk(Fixtures.examples()), Files.walk(Path.of("src", "test", "resources", "corpus")))) {
            wrappers = files.filter(p -> p.toString().endsWith(".sh")).sorted().toList();
        }
        assertThat(wrappers).isNotEmpty();
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterBash());
        for (Path wrapper : wrappers) {
            String source = Files.readString(wrapper);
            TSTree tree = parser.parseString(null, source);
            same(wrapper + ":", tree.getRootNode(), SyntaxNode.copy(tree, parser.getLanguage(), source.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void the_copy_reads_nodes_through_the_bindings_native_functions_directly() {
        // The public accessors still work if the binding's internals change, but at twice the cost: notice it here.
        assertThat(SyntaxNode.NodeFields.direct()).isTrue();
    }

    @Test
    void the_copy_marks_errors_and_missing_tokens_as_tree_sitter_does() {
        TSParser parser = new TSParser();
        parser.setLanguage(new TreeSitterBash());
        for (String source : List.of("if true; then\n  echo \"unclosed\n", "for x in a b; do echo $x\n", "kubectl get ) ) (\n echo é ü\n",
                "f() { g() { echo \"$(date)\"; }; }\nf\n", "cat <<EOF > out\nbody ${X}\nEOF\necho done\n", "")) {
            TSTree tree = parser.parseString(null, source);
            same(source.replace("\n", "/") + ":", tree.getRootNode(),
                    SyntaxNode.copy(tree, parser.getLanguage(), source.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static void same(String where, TSNode expected, SyntaxNode actual) {
        String at = where + expected.getStartPoint().getRow() + ":" + expected.getType();
        assertThat(actual.getType()).as(at).isEqualTo(expected.getType());
        assertThat(actual.getStartByte()).as(at).isEqualTo(expected.getStartByte());
        assertThat(actual.getEndByte()).as(at).isEqualTo(expected.getEndByte());
        assertThat(actual.getStartPoint().getColumn()).as(at).isEqualTo(expected.getStartPoint().getColumn());
        assertThat(actual.getStartPoint().getRow()).as(at).isEqualTo(expected.getStartPoint().getRow());
        assertThat(actual.getEndPoint().getRow()).as(at).isEqualTo(expected.getEndPoint().getRow());
        assertThat(actual.getEndPoint().getColumn()).as(at).isEqualTo(expected.getEndPoint().getColumn());
        assertThat(actual.isNamed()).as(at).isEqualTo(expected.isNamed());
        assertThat(actual.isError()).as(at).isEqualTo(expected.isError());
        assertThat(actual.isMissing()).as(at).isEqualTo(expected.isMissing());
        assertThat(actual.hasError()).as(at).isEqualTo(expected.hasError());
        assertThat(actual.getChildCount()).as(at).isEqualTo(expected.getChildCount());
        assertThat(actual.getNamedChildCount()).as(at).isEqualTo(expected.getNamedChildCount());
        for (String field : FIELDS) {
            TSNode e = expected.getChildByFieldName(field);
            SyntaxNode a = actual.getChildByFieldName(field);
            assertThat(a.isNull()).as(at + " field " + field).isEqualTo(e.isNull());
            if (!e.isNull()) {
                assertThat(a.getStartByte()).as(at + " field " + field).isEqualTo(e.getStartByte());
                assertThat(a.getType()).as(at + " field " + field).isEqualTo(e.getType());
            }
        }
        for (int i = 0; i < expected.getChildCount(); i++) {
            assertThat(actual.getFieldNameForChild(i)).as(at + " child " + i).isEqualTo(expected.getFieldNameForChild(i));
            same(where, expected.getChild(i), actual.getChild(i));
        }
        for (int i = 0; i < expected.getNamedChildCount(); i++) {
            assertThat(actual.getNamedChild(i).getStartByte()).as(at + " named child " + i).isEqualTo(expected.getNamedChild(i).getStartByte());
        }
    }
}
