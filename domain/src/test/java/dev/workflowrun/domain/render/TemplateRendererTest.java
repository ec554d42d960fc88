package dev.workflowrun.domain.render;

import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableType;
import dev.workflowrun.domain.variables.Variables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateRendererTest {

    private static final Variables VARS = Variables.bind(
            List.of(new VariableDeclaration("NAME", VariableType.TEXT, ""),
                    new VariableDeclaration("SEID_IMAGE", VariableType.IMAGE, "")),
            Map.of("NAME", "alpha", "SEID_IMAGE", "ghcr.io/sei/seid:v1"));

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            $NAME                  | alpha
            ${NAME}                | alpha
            x-$NAME-y              | x-alpha-y
            "$NAME:$SEID_IMAGE"    | "alpha:ghcr.io/sei/seid:v1"
            $NAME_SUFFIX           | $NAME_SUFFIX
            ${NAME_SUFFIX}         | ${NAME_SUFFIX}
            $NAMES                 | $NAMES
            $NAME1                 | $NAME1
            $OTHER                 | $OTHER
            ${OTHER}               | ${OTHER}
            ${CUR}                 | ${CUR}
            $(seq 1 30)            | $(seq 1 30)
            $(VALIDATOR_COUNT)     | $(VALIDATOR_COUNT)
            $(NAME)                | $(NAME)
            $$NAME                 | $$NAME
            $$                     | $$
            $                      | $
            cost $5                | cost $5
            ${NAME                 | ${NAME
            ${NAME:-default}       | ${NAME:-default}
            ${#NAME}               | ${#NAME}
            $name                  | $name
            "$NAME$NAME"           | "alphaalpha"
            \\$NAME                | \\alpha
            """)
    void substitutesOnlyAllowListedNames(String template, String expected) {
        assertThat(TemplateRenderer.render(template, VARS).yaml()).isEqualTo(expected);
    }

    @Test
    void aTaskScriptFullOfShellAndKubernetesExpansionsComesOutByteIdentical() {
        String script = """
                    task:
                      container:
                        command: ["/bin/sh", "-c"]
                        args:
                          - |
                            set -eu
                            for i in $(seq 1 30); do
                              CUR=$(curl -s "${VALIDATOR_TM_RPC}/status" | jq -r .result.sync_info.latest_block_height)
                              [ "${CUR}" -gt "$TARGET" ] && break
                              echo "waiting: ${CUR} < $TARGET ($i/30) $$ $? $@ $* $# $0 $1 ${@} ${10}"
                              sleep 10
                            done
                            echo "$(POD_NAME) in $(POD_NAMESPACE)"
                        env:
                          - name: MSG
                            value: "$(HOST):$(PORT) \\$HOME ${HOME} `date`"
                """;
        assertThat(TemplateRenderer.render(script, VARS).yaml()).isEqualTo(script);
        assertThat(TemplateRenderer.render(script, VARS).substituted()).isEmpty();
    }

    @Test
    void reportsWhichNamesWereSubstituted() {
        RenderedManifest r = TemplateRenderer.render("image: $SEID_IMAGE\nname: x-${NAME}\n", VARS);
        assertThat(r.substituted()).containsExactlyInAnyOrder("NAME", "SEID_IMAGE");
    }

    @Test
    void nonAsciiAndCrlfBytesSurvive() {
        String template = "# ünïcödé ✓\r\nname: $NAME\r\n";
        assertThat(TemplateRenderer.render(template, VARS).yaml()).isEqualTo("# ünïcödé ✓\r\nname: alpha\r\n");
    }

    @Test
    void findsTheAllowListedNamesATemplateMentions() {
        assertThat(TemplateRenderer.mentioned("a $NAME ${SEID_IMAGE} $NAME_X $$NAME $(NAME)", java.util.Set.of("NAME", "SEID_IMAGE", "UNUSED")))
                .containsExactlyInAnyOrder("NAME", "SEID_IMAGE");
    }
}
