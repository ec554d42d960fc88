package dev.workflowrun.domain.scenario;

import dev.workflowrun.domain.testing.Scenarios;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlaceholderHeaderTest {

    @Test
    void readsTheUsersHeaderConvention() {
        List<VariableDeclaration> declared = PlaceholderHeader.read(Scenarios.RELEASE_TEST);
        assertThat(declared).extracting(VariableDeclaration::name)
                .containsExactly("SEI_NAMESPACE", "SEI_WORKFLOW_RUN_ID", "SEID_IMAGE", "SEITASK_IMAGE");
        assertThat(declared.get(0).description()).isEqualTo("namespace of workflow + provisioned SNDs");
        assertThat(declared.get(2).type()).isEqualTo(VariableType.IMAGE);
    }

    @Test
    void anExplicitTypeWinsAndContinuationLinesExtendTheDescription() {
        String template = """
                # Placeholders:
                #   $SEILOAD_PROFILE (dns-label)  load profile
                #       one of small, large
                #   $API_TOKEN (secret)
                apiVersion: v1
                """;
        List<VariableDeclaration> declared = PlaceholderHeader.read(template);
        assertThat(declared.get(0).type()).isEqualTo(VariableType.DNS_LABEL);
        assertThat(declared.get(0).description()).isEqualTo("load profile one of small, large");
        assertThat(declared.get(1).type()).isEqualTo(VariableType.SECRET);
    }

    @Test
    void aTemplateWithoutAHeaderDeclaresNothing() {
        assertThat(PlaceholderHeader.read("apiVersion: v1\nkind: ConfigMap\n# Placeholders:\n#   $LATE\n")).isEmpty();
    }

    @Test
    void anUnknownTypeOrADuplicateIsAnError() {
        assertThatThrownBy(() -> PlaceholderHeader.read("# Placeholders:\n#   $X (colour) x\n")).hasMessageContaining("unknown placeholder type 'colour'");
        assertThatThrownBy(() -> PlaceholderHeader.read("# Placeholders:\n#   $X a\n#   $X b\n")).hasMessageContaining("declares $X twice");
    }

    @Test
    void scenarioPathsMustStayInsideTheRepository() {
        assertThatThrownBy(() -> new ScenarioRef("repo", "main", "../etc/passwd")).hasMessageContaining("contains '..'");
        assertThatThrownBy(() -> new ScenarioRef("repo", "main", "/etc/passwd")).hasMessageContaining("is absolute");
        assertThat(new ScenarioRef("repo", "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d", "scenarios/x.yaml").pinned()).isTrue();
        assertThat(new ScenarioRef("repo", "main", "scenarios/x.yaml").pinned()).isFalse();
    }

    @Test
    void aRepositoryUrlWithCredentialsIsRefusedWithoutShowingThem() {
        for (String url : java.util.List.of("https://x-access-token:ghp_s3cr3t@github.com/org/repo", "https://ghp_s3cr3t@github.com/org/repo",
                "ghp_s3cr3t@github.com/org/repo", "deploy:ghp_s3cr3t@git.example.com:org/repo.git", "ssh://git:ghp_s3cr3t@example.org/org/repo",
                "https://gitlab.example.com/org/repo.git?private_token=ghp_s3cr3t", "https://u:ghp@s3cr3t@github.com/org/repo")) {
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> new ScenarioRef(url, "main", "scenarios/x.yaml"));
            assertThat(refused).as(url).isInstanceOf(IllegalArgumentException.class);
            assertThat(refused.getMessage()).contains("carries a credential", "--git-token-file", "--git-token-env").doesNotContain("s3cr3t");
        }
        assertThat(RepositoryCredentials.redacted("https://u:ghp@s3cr3t@github.com/org/repo")).isEqualTo("https://***@github.com/org/repo");
        assertThat(new ScenarioRef("git@github.com:org/repo.git", "main", "s.yaml").displayRepository()).isEqualTo("git@github.com:org/repo.git");
        assertThat(new ScenarioRef("ssh://git@example.org/org/repo", "main", "s.yaml").displayRepository()).isEqualTo("ssh://git@example.org/org/repo");
        assertThat(new ScenarioRef("github.com/org/repo", "main", "s.yaml").displayRepository()).isEqualTo("github.com/org/repo");
        assertThat(new ScenarioRef("/srv/git/backup@2024/repo", "main", "s.yaml").displayRepository()).isEqualTo("/srv/git/backup@2024/repo");
    }
}
