package dev.workflowrun.domain.pipeline;

import dev.workflowrun.domain.variables.PlaceholderRole;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioPipelineTest {

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

    private static final String DEFAULT_RUN_ID = PlaceholderRole.RUN_ID.defaultVariable();
    private static final String DEFAULT_NAMESPACE = PlaceholderRole.NAMESPACE.defaultVariable();

    @Test
    void aRunBindsTheRolePlaceholdersToItsOwnIdAndNamespace() {
        RoleAssignment roles = ScenarioPipeline.roles(MARKED, DEFAULT_RUN_ID, DEFAULT_NAMESPACE);

        assertThat(roles.values(Map.of("CHAIN_ID", "c"), IdentityBinding.of("nightly-42", "nightly")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("CHAIN_ID", "c", "RUN_ID", "nightly-42", "NS", "nightly"));
        assertThat(IdentityBinding.of("nightly-42", "nightly").workflowName("soak")).isEqualTo("soak-nightly-42");
    }

    @Test
    void lintAndBuildTimeVerifyBindTheRunIdToTheirStandIns() {
        RoleAssignment roles = ScenarioPipeline.roles(MARKED, DEFAULT_RUN_ID, DEFAULT_NAMESPACE);

        assertThat(roles.values(Map.of(), IdentityBinding.lintStandIn("default"))).containsEntry("RUN_ID", "lint").containsEntry("NS", "default");
        assertThat(roles.values(Map.of(), IdentityBinding.buildTimeStandIn("nightly"))).containsEntry("RUN_ID", "verify")
                .containsEntry("NS", "nightly");
        assertThat(IdentityBinding.lintStandIn("default").workflowName("soak")).isEqualTo("soak-lint");
    }

    @Test
    void aValueGivenForARolePlaceholderIsRefusedAndNeverBound() {
        RoleAssignment roles = ScenarioPipeline.roles(MARKED, DEFAULT_RUN_ID, DEFAULT_NAMESPACE);
        Map<String, String> given = Map.of("RUN_ID", "mine", "CHAIN_ID", "c");

        assertThat(roles.givenForRoles(given)).hasSize(1);
        assertThat(roles.values(given, IdentityBinding.lintStandIn("default"))).containsEntry("RUN_ID", "lint");
    }

    @Test
    void onePlaceholderForBothRolesIsRefusedByTheRolesStep() {
        String both = MARKED.replace("$NS (namespace)", "$NS            ");

        assertThatThrownBy(() -> ScenarioPipeline.roles(both, "RUN_ID", "RUN_ID")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot play both");
    }
}
