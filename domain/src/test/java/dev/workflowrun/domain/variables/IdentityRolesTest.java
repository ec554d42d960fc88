package dev.workflowrun.domain.variables;

import dev.workflowrun.domain.scenario.PlaceholderHeader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityRolesTest {

    static final String MARKED = """
            # Placeholders:
            #   $RUN_ID (run-id)     unique per run
            #   $NS (namespace)      where the workflow runs
            #   $CHAIN_ID            chain id
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata:
              name: soak-$RUN_ID
              namespace: $NS
            """;

    static final String UNMARKED = MARKED.replace(" (run-id)  ", "           ").replace(" (namespace)", "            ");

    @Test
    void theHeaderMarksWhichPlaceholderPlaysWhichRole() {
        List<VariableDeclaration> declared = PlaceholderHeader.read(MARKED);
        assertThat(declared.get(0).role()).contains(PlaceholderRole.RUN_ID);
        assertThat(declared.get(1).role()).contains(PlaceholderRole.NAMESPACE);
        IdentityRoles roles = IdentityRoles.defaults(declared);
        assertThat(roles.describe()).isEqualTo("run-id=$RUN_ID, namespace=$NS");
        assertThat(roles.fill(Map.of("CHAIN_ID", "c"), "r1", "nightly")).containsEntry("RUN_ID", "r1").containsEntry("NS", "nightly");
    }

    @Test
    void withoutMarksTheFlagsNameThemAndWithoutEitherTheDefaultsStay() {
        List<VariableDeclaration> declared = PlaceholderHeader.read(UNMARKED);
        assertThat(IdentityRoles.defaults(declared).declared()).isEmpty();
        IdentityRoles roles = IdentityRoles.resolve(declared, "RUN_ID", "NS");
        assertThat(roles.declared()).containsEntry(PlaceholderRole.RUN_ID, "RUN_ID").containsEntry(PlaceholderRole.NAMESPACE, "NS");
        assertThat(roles.assign(declared)).extracting(VariableDeclaration::role)
                .containsExactly(Optional.of(PlaceholderRole.RUN_ID), Optional.of(PlaceholderRole.NAMESPACE), Optional.empty());
    }

    @Test
    void aFlagOverridesTheHeadersMark() {
        String two = MARKED.replace("#   $CHAIN_ID ", "#   $OTHER_ID            another id\n#   $CHAIN_ID ");
        IdentityRoles roles = IdentityRoles.resolve(PlaceholderHeader.read(two), "OTHER_ID", PlaceholderRole.NAMESPACE.defaultVariable());
        assertThat(roles.variable(PlaceholderRole.RUN_ID)).isEqualTo("OTHER_ID");
        assertThat(roles.variable(PlaceholderRole.NAMESPACE)).isEqualTo("NS");
    }

    @Test
    void aValueGivenForARolePlaceholderNamesTheFlagThatFillsIt() {
        IdentityRoles roles = IdentityRoles.defaults(PlaceholderHeader.read(MARKED));
        assertThat(roles.givenForRoles(Map.of("RUN_ID", "x", "NS", "y", "CHAIN_ID", "c"))).extracting(VariableProblem::toString).containsExactly(
                "NS: plays the namespace role: the runner fills it from --namespace (drop --var NS and pass --namespace=<value> instead)",
                "RUN_ID: plays the run-id role: the runner fills it from --run-id (drop --var RUN_ID and pass --run-id=<value> instead)");
    }

    @Test
    void twoPlaceholdersMarkedForOneRoleAreAHeaderError() {
        assertThatThrownBy(() -> PlaceholderHeader.read("# Placeholders:\n#   $A (run-id)\n#   $B (run-id)\n"))
                .hasMessageContaining("gives the run-id role to both $A and $B");
        assertThat(PlaceholderHeader.read("# Placeholders:\n#   $A (run-id, dns-label) id\n").get(0))
                .satisfies(d -> assertThat(d.type()).isEqualTo(VariableType.DNS_LABEL))
                .satisfies(d -> assertThat(d.role()).contains(PlaceholderRole.RUN_ID));
    }
}
