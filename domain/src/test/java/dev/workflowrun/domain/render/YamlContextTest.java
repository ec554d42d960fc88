package dev.workflowrun.domain.render;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.workflowrun.domain.render.YamlContext.BLOCK_SCALAR;
import static dev.workflowrun.domain.render.YamlContext.DOUBLE_QUOTED;
import static dev.workflowrun.domain.render.YamlContext.FLOW;
import static dev.workflowrun.domain.render.YamlContext.PLAIN;
import static dev.workflowrun.domain.render.YamlContext.SINGLE_QUOTED;
import static org.assertj.core.api.Assertions.assertThat;

class YamlContextTest {

    private static YamlContext contextOfX(String template) {
        return YamlContext.at(template, template.indexOf("$X"));
    }

    @Nested
    class WhatIsSyntax {

        @Test
        void inAFlowCollectionTheCommaAndEveryBracketAreSyntaxInTheirFixedOrder() {
            assertThat(FLOW.syntaxIn("}a{b]c[d,e")).isEqualTo(",[]{}");
            assertThat(FLOW.syntaxIn("a,b")).isEqualTo(",");
            assertThat(FLOW.syntaxIn("{x}")).isEqualTo("{}");
        }

        @Test
        void aValueWithoutCommaOrBracketIsDataInAFlowCollection() {
            assertThat(FLOW.syntaxIn("--n=3 and: more # still text")).isEmpty();
        }

        @Test
        void outsideAFlowCollectionNoCharacterOfAOneLineValueIsSyntaxHere() {
            for (YamlContext context : new YamlContext[] {PLAIN, BLOCK_SCALAR, DOUBLE_QUOTED, SINGLE_QUOTED}) {
                assertThat(context.syntaxIn("a,b[c]{d}")).as(context.name()).isEmpty();
            }
        }

        @Test
        void eachContextSaysWhatItIsInWords() {
            assertThat(FLOW.description()).contains("flow collection");
            assertThat(BLOCK_SCALAR.description()).contains("block scalar");
            assertThat(DOUBLE_QUOTED.description()).contains("double-quoted");
            assertThat(SINGLE_QUOTED.description()).contains("single-quoted");
            assertThat(PLAIN.description()).contains("block context");
        }
    }

    @Nested
    class BlockScalars {

        @Test
        void aPlaceholderOnALaterLineOfABlockScalarIsInIt() {
            assertThat(contextOfX("f: |\n  one\n  two\n  echo $X\n")).isEqualTo(BLOCK_SCALAR);
        }

        @Test
        void blankAndWhitespaceOnlyLinesDoNotEndABlockScalar() {
            assertThat(contextOfX("f: >-\n  one\n\n  two\n   \n  echo $X\n")).isEqualTo(BLOCK_SCALAR);
        }

        @Test
        void aBlockScalarEndsAtTheFirstLineIndentedNoDeeperThanItsOpener() {
            assertThat(contextOfX("f: |\n  one [\ng: [a, $X]\n")).as("the bracket inside the block is text").isEqualTo(FLOW);
            assertThat(contextOfX("f: |\n  one\ng: $X\n")).isEqualTo(PLAIN);
        }

        @Test
        void aBlockScalarAsASequenceItemOrAfterALeadingEmptyLineIsRecognised() {
            assertThat(contextOfX("\n- |\n  $X\n")).isEqualTo(BLOCK_SCALAR);
            assertThat(contextOfX("args:\n  - |+\n    echo $X\n")).isEqualTo(BLOCK_SCALAR);
        }

        @Test
        void theEndOfTheTextInsideABlockScalarIsStillInIt() {
            String t = "f: |\n  echo ";
            assertThat(YamlContext.at(t, t.length())).isEqualTo(BLOCK_SCALAR);
        }
    }

    @Nested
    class FlowCollections {

        @Test
        void aPlaceholderAtTheStartOfALineInsideAMultiLineFlowSequenceIsInTheFlow() {
            assertThat(contextOfX("g: [\n$X\n]\n")).isEqualTo(FLOW);
        }

        @Test
        void theEndOfTheTextInsideAnOpenFlowSequenceIsInTheFlow() {
            String t = "b: [x, ";
            assertThat(YamlContext.at(t, t.length())).isEqualTo(FLOW);
        }

        @Test
        void aClosingBracketWithoutAnOpeningOneDoesNotCountAgainstTheNextCollection() {
            assertThat(contextOfX("a: x]\nb: [$X]\n")).isEqualTo(FLOW);
        }

        @Test
        void aClosedCollectionIsLeftBehind() {
            assertThat(contextOfX("b: [x, y]\nc: $X\n")).isEqualTo(PLAIN);
        }
    }

    @Nested
    class Comments {

        @Test
        void aBracketInACommentOpensNoCollection() {
            assertThat(contextOfX("# see [the docs\na: $X\n")).isEqualTo(PLAIN);
            assertThat(contextOfX("a: x #[ $X\n")).isEqualTo(PLAIN);
        }

        @Test
        void aHashInsideAWordIsNoComment() {
            assertThat(contextOfX("a: [x#y, $X]\n")).isEqualTo(FLOW);
        }

        @Test
        void aCommentLineWithBracketsBeforeAPlaceholderOnTheSameLineIsPlain() {
            assertThat(contextOfX("#[ $X\n")).isEqualTo(PLAIN);
        }
    }

    @Nested
    class Quotes {

        @Test
        void anEscapedDoubleQuoteDoesNotCloseADoubleQuotedScalar() {
            assertThat(contextOfX("d: [\"say \\\"hi\\\", $X\"]\n")).isEqualTo(DOUBLE_QUOTED);
        }

        @Test
        void aBackslashDoesNotEscapeInsideASingleQuotedScalar() {
            assertThat(contextOfX("e: ['C:\\', $X]\n")).isEqualTo(FLOW);
        }

        @Test
        void aQuoteOpensAScalarWhereverAScalarMayStart() {
            assertThat(contextOfX("- \"a, $X\"\n")).as("after '- '").isEqualTo(DOUBLE_QUOTED);
            assertThat(contextOfX("a: [ \"a, $X\" ]\n")).as("after '['").isEqualTo(DOUBLE_QUOTED);
            assertThat(contextOfX("a: { \"k, $X\": v }\n")).as("after '{'").isEqualTo(DOUBLE_QUOTED);
            assertThat(contextOfX("a: {k: 'a, $X'}\n")).as("after ': '").isEqualTo(SINGLE_QUOTED);
            assertThat(contextOfX("a: [x, 'a, $X']\n")).as("after ',' in a flow").isEqualTo(SINGLE_QUOTED);
            assertThat(contextOfX("? \"a, $X\"\n")).as("after '? '").isEqualTo(DOUBLE_QUOTED);
            assertThat(contextOfX("a: [\n  \"a, $X\"\n]\n")).as("at a line's start, after indentation").isEqualTo(DOUBLE_QUOTED);
            assertThat(contextOfX("\"a, $X\"\n")).as("at the text's start").isEqualTo(DOUBLE_QUOTED);
        }

        @Test
        void aQuoteInsideAPlainScalarIsText() {
            assertThat(contextOfX("d'Artagnan: [$X]\n")).as("right after the line's first character").isEqualTo(FLOW);
            assertThat(contextOfX("a: it's [$X]\n")).isEqualTo(FLOW);
            assertThat(contextOfX("a: x, \"y [$X]\n")).as("after ',' outside a flow").isEqualTo(FLOW);
            assertThat(contextOfX("a: 5\" [$X]\n")).isEqualTo(FLOW);
        }
    }
}
