package dev.workflowrun.runner.sandbox;

import dev.workflowrun.domain.variables.ImageRef;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxVariablesTest {

    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @Test
    void everyShippedScenarioGetsAValueForEachPlaceholderAndImagesNameTheCommit() {
        Map<String, String> scenarios = ExampleScenarios.load(java.util.Optional.empty());
        assertThat(scenarios).containsKeys("release-test", "load-test", "major-upgrade");
        scenarios.forEach((name, template) -> {
            Map<String, String> values = SandboxVariables.derive(template, COMMIT);
            assertThat(values).doesNotContainKeys("SEI_NAMESPACE", "SEI_WORKFLOW_RUN_ID");
            values.forEach((k, v) -> {
                if (k.endsWith("_IMAGE") || k.endsWith("_IMG")) {
                    assertThat(ImageRef.parse(v).tag()).contains("0123456789ab");
                }
            });
        });
        assertThat(SandboxVariables.derive(scenarios.get("release-test"), COMMIT))
                .containsKeys("SEID_IMAGE", "SEITASK_IMAGE", "RELEASE_TEST_IMAGE", "SEI_CHAIN_ID");
    }
}
