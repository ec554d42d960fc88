package dev.workflowrun.adapters.k8s;

import dev.workflowrun.testkit.MockCluster;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ControllerVersionCheckTest {

    @Test
    @DisplayName("v2.2.0 and later are fine; v2.1.x ignores the abort annotation (abort_workflow_reconciler.go is from v2.2.0); older and unreadable tags are said")
    void judgesTheImageTag() {
        assertThat(ControllerVersionCheck.judge("ghcr.io/chaos-mesh/chaos-mesh:v2.7.2")).isEmpty();
        assertThat(ControllerVersionCheck.judge("registry:5000/chaos-mesh/chaos-mesh:v2.2.0")).isEmpty();
        assertThat(ControllerVersionCheck.judge("ghcr.io/chaos-mesh/chaos-mesh:v2.1.3")).get().asString().contains("ignores the abort annotation");
        assertThat(ControllerVersionCheck.judge("ghcr.io/chaos-mesh/chaos-mesh:v2.0.7")).get().asString().contains("older than v2.1.0");
        assertThat(ControllerVersionCheck.judge("ghcr.io/chaos-mesh/chaos-mesh:latest")).get().asString().contains("cannot tell");
    }

    @Test
    @DisplayName("without the Deployment the check says it was skipped, once, with one GET")
    void aMissingDeploymentIsSaidOnce() {
        try (MockCluster cluster = MockCluster.start()) {
            KubernetesCalls calls = new KubernetesCalls(Duration.ofSeconds(1));
            ControllerVersionCheck check = new ControllerVersionCheck(cluster.client(), calls, "chaos-mesh");
            assertThat(check.warnOnce()).get().asString().startsWith("controller version check skipped: no deployment chaos-mesh/chaos-controller-manager");
            assertThat(check.warnOnce()).isEmpty();
            assertThat(calls.snapshot().byVerbAndResource()).containsEntry("GET deployments", 1L);
        }
    }

    @Test
    @DisplayName("a 403 says the check was skipped")
    void aForbiddenReadIsSkipped() {
        try (MockCluster cluster = MockCluster.start()) {
            cluster.server().expect().get().withPath("/apis/apps/v1/namespaces/chaos-mesh/deployments/chaos-controller-manager")
                    .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\",\"message\":\"forbidden\"}").once();
            ControllerVersionCheck check = new ControllerVersionCheck(cluster.client(), new KubernetesCalls(Duration.ofSeconds(1)), "chaos-mesh");
            assertThat(check.warnOnce()).get().asString().contains("skipped").contains("HTTP 403");
        }
    }
}
