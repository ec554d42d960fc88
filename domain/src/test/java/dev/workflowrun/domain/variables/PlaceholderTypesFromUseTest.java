package dev.workflowrun.domain.variables;

import dev.workflowrun.domain.scenario.PlaceholderHeader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A placeholder's type comes from the header or from where the manifest uses it; its name only ever adds a warning. */
class PlaceholderTypesFromUseTest {

    /** Written the way the controller repository writes its scenarios: no type annotations, the upgrade name only in a script. */
    static final String UPGRADE = """
            # Placeholders (the wrapper envsubst's at apply time):
            #   $SEI_NAMESPACE          namespace of workflow + provisioned SNDs
            #   $SEI_WORKFLOW_RUN_ID    unique per-run id; suffixes Workflow + Secret names
            #   $SEITASK_IMAGE          seitask image, same commit as this file
            #   $SEI_UPGRADE_NAME       upgrade plan name, e.g. v6.4.0
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata:
              name: major-upgrade-$SEI_WORKFLOW_RUN_ID
              namespace: $SEI_NAMESPACE
              labels:
                sei.io/scenario: major-upgrade
                sei.io/workflow-run: "$SEI_WORKFLOW_RUN_ID"
            spec:
              entry: major-upgrade
              templates:
                - name: major-upgrade
                  templateType: Serial
                  deadline: 90m
                  children: [submit-upgrade-proposal]
                - name: submit-upgrade-proposal
                  templateType: Task
                  deadline: 5m
                  task:
                    container:
                      name: submit
                      image: $SEITASK_IMAGE
                      command: ["/bin/sh", "-c"]
                      args:
                        - |
                          set -eu
                          HEIGHT=$(cat /shared/target-height)
                          seid tx gov submit-proposal software-upgrade "$SEI_UPGRADE_NAME" \\
                            --upgrade-height "${HEIGHT}" --from admin -y
                      env:
                        - name: UPGRADE_NAME
                          value: "$SEI_UPGRADE_NAME"
            """;

    private static VariableDeclaration declared(String template, String name) {
        return PlaceholderHeader.read(template).stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    private static Map<String, String> values(String upgradeName) {
        return Map.of("SEI_NAMESPACE", "nightly", "SEI_WORKFLOW_RUN_ID", "r1", "SEITASK_IMAGE", "ghcr.io/sei-protocol/seitask:3f9c2a1b",
                "SEI_UPGRADE_NAME", upgradeName);
    }

    @Test
    void anUntypedUpgradeNameUsedOnlyInTaskArgsAndEnvIsTextAndTakesADottedVersion() {
        VariableDeclaration d = declared(UPGRADE, "SEI_UPGRADE_NAME");
        assertThat(d.type()).isEqualTo(VariableType.TEXT);
        assertThat(d.typeDeclared()).isFalse();
        assertThat(d.uses()).extracting(PlaceholderUse::field).containsExactly("args", "env");

        Variables bound = Variables.bind(PlaceholderHeader.read(UPGRADE), values("v6.4.0"));

        assertThat(bound.value("SEI_UPGRADE_NAME")).contains("v6.4.0");
        assertThat(bound.warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("$SEI_UPGRADE_NAME: its name suggests a DNS-1123 label, but 'v6.4.0' is not one; accepted")
                .contains("in args at line 33 (text) and in env at line 37 (text)"));
    }

    @Test
    void theSamePlaceholderAlsoInMetadataNameIsRefusedNamingEachUseByLine() {
        // The API server takes a DNS-1123 subdomain as a Workflow's name: v6.4.0 is one, an upper-case release candidate is not.
        String template = UPGRADE.replace("name: major-upgrade-$SEI_WORKFLOW_RUN_ID", "name: major-upgrade-$SEI_UPGRADE_NAME-$SEI_WORKFLOW_RUN_ID");

        assertThatThrownBy(() -> Variables.bind(PlaceholderHeader.read(template), values("v6.4.0-RC1")))
                .isInstanceOf(VariablesException.class)
                .hasMessageContaining("SEI_UPGRADE_NAME: is used as metadata.name at line 9 (DNS-1123 subdomain) and in args at line 33 (text)"
                        + " and in env at line 37 (text): 'v6.4.0-RC1' is not a DNS-1123 subdomain")
                .hasMessageContaining("keep $SEI_UPGRADE_NAME out of metadata.name at line 9");
        assertThat(Variables.bind(PlaceholderHeader.read(template), values("v6.4.0")).value("SEI_UPGRADE_NAME")).contains("v6.4.0");
    }

    @Test
    void aDottedVersionUsedAsTheNamespaceIsRefusedThere() {
        String template = UPGRADE.replace("namespace: $SEI_NAMESPACE", "namespace: $SEI_UPGRADE_NAME");

        assertThatThrownBy(() -> Variables.bind(PlaceholderHeader.read(template), values("v6.4.0")))
                .hasMessageContaining("SEI_UPGRADE_NAME: is used as metadata.namespace at line 10 (DNS-1123 label) and in args at line 33 (text)"
                        + " and in env at line 37 (text): the value 'v6.4.0' is not a DNS-1123 label");
    }

    @Test
    void typesFollowTheFieldsAPlaceholderFills() {
        List<VariableDeclaration> d = PlaceholderHeader.read(UPGRADE);
        assertThat(d).extracting(VariableDeclaration::type).containsExactly(VariableType.DNS_LABEL, VariableType.DNS_SUBDOMAIN,
                VariableType.IMAGE, VariableType.TEXT);
        assertThat(declared(UPGRADE, "SEI_WORKFLOW_RUN_ID").uses()).extracting(PlaceholderUse::describe)
                .containsExactly("as metadata.name at line 9 (DNS-1123 subdomain)", "as metadata.labels.sei.io/workflow-run at line 13 (label value)");
    }

    @Test
    void aWrittenTypeWinsOverTheUses() {
        String template = UPGRADE.replace("#   $SEITASK_IMAGE          seitask", "#   $SEITASK_IMAGE (text)   seitask");
        assertThat(declared(template, "SEITASK_IMAGE").checkedTypes()).containsExactly(VariableType.TEXT);
    }

    @Test
    void aValueThatCouldBreakTheYamlOrTheShellIsStillRefusedInText() {
        assertThatThrownBy(() -> Variables.bind(PlaceholderHeader.read(UPGRADE), values("v6.4.0\"; rm -rf /")))
                .hasMessageContaining("SEI_UPGRADE_NAME");
        assertThatThrownBy(() -> Variables.bind(PlaceholderHeader.read(UPGRADE), values("name: x")))
                .hasMessageContaining("': '");
    }

    @Test
    void aSecretSoundingNameStaysRedactedWithoutATypeAnnotation() {
        String template = "# Placeholders:\n#   $SLACK_TOKEN   posts the report\napiVersion: v1\nkind: ConfigMap\ndata:\n  t: \"$SLACK_TOKEN\"\n";
        Variables bound = Variables.bind(PlaceholderHeader.read(template), Map.of("SLACK_TOKEN", "xoxb-1"));
        assertThat(bound.redacted()).containsEntry("SLACK_TOKEN", "***");
    }
}
