package dev.workflowrun.domain.render;

import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableType;
import dev.workflowrun.domain.variables.Variables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a placeholder name starts and ends, character by character at the edges of each range
 * ({@code A Z a z _ 0 9} and their neighbours): a name read one character too short or too long
 * substitutes where the template meant a shell or Kubernetes variable.
 */
class PlaceholderBoundariesTest {

    private static final Variables VARS = Variables.bind(
            List.of(text("NAME"), text("A"), text("Z"), text("a"), text("z"), text("_U")),
            Map.of("NAME", "alpha", "A", "va", "Z", "vz", "a", "la", "z", "lz", "_U", "vu"));

    private static VariableDeclaration text(String name) {
        return new VariableDeclaration(name, VariableType.TEXT, "");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            $NAMEA   | $NAMEA
            $NAMEZ   | $NAMEZ
            $NAMEa   | $NAMEa
            $NAMEz   | $NAMEz
            $NAME_   | $NAME_
            $NAME0   | $NAME0
            $NAME9   | $NAME9
            $NAME@   | alpha@
            $NAME[   | alpha[
            $NAME`   | alpha`
            $NAME{   | alpha{
            $NAME/   | alpha/
            $NAME:   | alpha:
            $A       | va
            $Z       | vz
            $a       | la
            $z       | lz
            $_U      | vu
            $@A      | $@A
            $[A      | $[A
            $`A      | $`A
            ${A}x    | vax
            """)
    void aNameRunsExactlyAsFarAsItsCharactersAllow(String template, String expected) {
        assertThat(TemplateRenderer.render(template, VARS).yaml()).isEqualTo(expected);
    }

    @Test
    void whatARenderSubstitutedIsListed() {
        assertThat(TemplateRenderer.render("$A ${Z} $NAME0 $$a", VARS).substituted()).containsExactlyInAnyOrder("A", "Z");
    }

    @Test
    void mentionedFindsTheSameNamesTheRendererWouldSubstitute() {
        Set<String> names = Set.of("NAME", "A", "Z", "a", "z", "_U");

        assertThat(TemplateRenderer.mentioned("$NAMEA $NAME0 $NAME9 $NAME_ $@A", names)).isEmpty();
        assertThat(TemplateRenderer.mentioned("$A-$Z-$a-$z-$_U", names)).containsExactly("A", "Z", "_U", "a", "z");
        assertThat(TemplateRenderer.mentioned("${NAME} $$A", names)).containsExactly("NAME");
    }

    @Test
    void mentionedCopesWithADollarAtTheVeryEnd() {
        assertThat(TemplateRenderer.mentioned("cost $A $", Set.of("A"))).containsExactly("A");
        assertThat(TemplateRenderer.mentioned("$", Set.of("A"))).isEmpty();
    }

    @Test
    void mentionedLooksForTheClosingBraceAfterTheOpeningOne() {
        assertThat(TemplateRenderer.mentioned("x}${NAME}", Set.of("NAME"))).containsExactly("NAME");
        assertThat(TemplateRenderer.mentioned("}}${A}", Set.of("A"))).containsExactly("A");
    }

    @Test
    void aDollarBraceWithoutAClosingBraceIsLeftAlone() {
        assertThat(TemplateRenderer.render("x ${NAME", VARS).yaml()).isEqualTo("x ${NAME");
        assertThat(TemplateRenderer.mentioned("x ${NAME", Set.of("NAME"))).isEmpty();
    }
}
