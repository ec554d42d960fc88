package dev.workflowrun.domain.variables;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VariablesTest {

    private static final List<VariableDeclaration> DECLARED = List.of(
            new VariableDeclaration("SEID_IMAGE", VariableType.IMAGE, "seid container image"),
            new VariableDeclaration("SEI_CHAIN_ID", VariableType.DNS_LABEL, ""),
            new VariableDeclaration("DURATION_MINUTES", VariableType.INTEGER, ""),
            new VariableDeclaration("SOAK", VariableType.DURATION, ""),
            new VariableDeclaration("NOTE", VariableType.TEXT, ""),
            new VariableDeclaration("API_TOKEN", VariableType.SECRET, ""));

    private static Map<String, String> valid() {
        return new HashMap<>(Map.of("SEID_IMAGE", "ghcr.io/sei/seid:v6.1.0", "SEI_CHAIN_ID", "arctic-1", "DURATION_MINUTES", "30",
                "SOAK", "1h30m", "NOTE", "nightly run 42", "API_TOKEN", "s3cr3t-t0ken"));
    }

    @Test
    void bindsWellTypedValues() {
        Variables v = Variables.bind(DECLARED, valid());
        assertThat(v.value("SOAK")).contains("1h30m");
        assertThat(v.redacted()).containsEntry("API_TOKEN", "***").containsEntry("NOTE", "nightly run 42");
        assertThat(v.secretValues()).containsExactly("s3cr3t-t0ken");
    }

    @Test
    void reportsEveryProblemAtOnceNamingVariableAndRule() {
        Map<String, String> values = valid();
        values.remove("SEID_IMAGE");
        values.put("SEI_CHAIN_ID", "Arctic_1");
        values.put("DURATION_MINUTES", "thirty");
        values.put("TYPO_IMAGE", "x");
        assertThatThrownBy(() -> Variables.bind(DECLARED, values))
                .isInstanceOf(VariablesException.class)
                .satisfies(e -> assertThat(((VariablesException) e).problems()).hasSize(4))
                .hasMessageContaining("SEID_IMAGE: is declared but has no value (pass --var SEID_IMAGE=<image> (seid container image))")
                .hasMessageContaining("SEI_CHAIN_ID: 'Arctic_1' is not a DNS-1123 label")
                .hasMessageContaining("DURATION_MINUTES: 'thirty' is not a whole number")
                .hasMessageContaining("TYPO_IMAGE: is not declared by the scenario");
    }

    @Test
    void neverPrintsASecretValueInAnError() {
        Map<String, String> values = valid();
        values.put("API_TOKEN", "topsecret\nvalue");
        assertThatThrownBy(() -> Variables.bind(DECLARED, values))
                .hasMessageContaining("API_TOKEN")
                .hasMessageNotContaining("topsecret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a: b", "x #c", "*alias", "&anchor", "!tag", "|", ">", "{a}", "[a]", "'q'", "\"q\"",
            "%x", "@x", "$(rm -rf /)", "${HOME}", "`id`", "a;b", "a\tb", "trailing:", " lead", "-x", "a\\b"})
    void textValuesThatCouldChangeTheYamlAreRejected(String value) {
        Map<String, String> values = valid();
        values.put("NOTE", value);
        assertThatThrownBy(() -> Variables.bind(DECLARED, values))
                .isInstanceOf(VariablesException.class)
                .hasMessageContaining("NOTE");
    }

    @Test
    void tooManyValuesAreRefused() {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            values.put("V" + i, "x");
        }
        assertThatThrownBy(() -> Variables.bind(DECLARED, values)).hasMessageContaining("10000 values were given; at most 256");
    }

    @Test
    void typesAreInferredFromTheNamesTheUserUses() {
        assertThat(VariableType.inferFromName("SEITASK_IMAGE")).isEqualTo(VariableType.IMAGE);
        assertThat(VariableType.inferFromName("SEI_PRE_UPGRADE_IMG")).isEqualTo(VariableType.IMAGE);
        assertThat(VariableType.inferFromName("SEI_NAMESPACE")).isEqualTo(VariableType.DNS_LABEL);
        assertThat(VariableType.inferFromName("SEI_WORKFLOW_RUN_ID")).isEqualTo(VariableType.DNS_LABEL);
        assertThat(VariableType.inferFromName("DURATION_MINUTES")).isEqualTo(VariableType.INTEGER);
        assertThat(VariableType.inferFromName("SEILOAD_PROFILE")).isEqualTo(VariableType.TEXT);
        assertThat(VariableType.inferFromName("GITHUB_TOKEN")).isEqualTo(VariableType.SECRET);
    }
}
