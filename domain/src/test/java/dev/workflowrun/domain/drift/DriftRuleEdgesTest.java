package dev.workflowrun.domain.drift;

import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.scenario.ResolvedScenario;
import dev.workflowrun.domain.scenario.ScenarioRef;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableType;
import dev.workflowrun.domain.variables.Variables;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The drift rules at their edges (invariant 1: a broken rule stops the run before apply). A file
 * difference is reported by key only: the files may hold credentials.
 */
class DriftRuleEdgesTest {

    private static final String COMMIT = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

    private static DriftContext context(Map<String, String> extra, List<String> differences, Map<String, String> vars) {
        ResolvedScenario scenario = new ResolvedScenario(new ScenarioRef("github.com/o/r", "main", "s.yaml"), COMMIT, "kind: Workflow\n", extra, "memory");
        ReadManifestPort manifests = new ReadManifestPort() {
            @Override
            public ParsedManifest read(String yaml) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<String> dataDifferences(String expectedYaml, String actualYaml) {
                if (expectedYaml.startsWith("not yaml")) {
                    throw new IllegalArgumentException("bad YAML near 'password: hunter2'");
                }
                return differences;
            }
        };
        List<VariableDeclaration> declared = vars.keySet().stream().map(n -> new VariableDeclaration(n, VariableType.IMAGE, "")).toList();
        return new DriftContext(scenario, Variables.bind(declared, vars), manifests, Optional.empty());
    }

    private static final FileMatchRule RULE = new FileMatchRule("vendor/role.yaml", "kind: Role\n", "deploy/role.yaml");

    @Test
    void aFileWithTheSameDataHolds() {
        DriftFinding f = RULE.check(context(Map.of("deploy/role.yaml", "kind: Role\n"), List.of(), Map.of()));

        assertThat(f.holds()).isTrue();
        assertThat(f.expected()).isEqualTo("deploy/role.yaml at 1a2b3c4d5e6f");
        assertThat(RULE.name()).isEqualTo("expect-file-match vendor/role.yaml=deploy/role.yaml");
        assertThat(RULE.pathsAtRef()).containsExactly("deploy/role.yaml");
    }

    @Test
    void aMissingFileOrOneThatIsNotYamlIsBrokenWithoutQuotingIt() {
        DriftFinding missing = RULE.check(context(Map.of(), List.of(), Map.of()));
        DriftFinding notYaml = RULE.check(context(Map.of("deploy/role.yaml", "not yaml: [password: hunter2"), List.of(), Map.of()));

        assertThat(missing.holds()).isFalse();
        assertThat(missing.actual()).isEqualTo("no such file");
        assertThat(notYaml.holds()).isFalse();
        assertThat(notYaml.actual()).isEqualTo("one of them is not YAML data");
        assertThat(notYaml.toString()).doesNotContain("hunter2");
    }

    @Test
    void aDifferenceIsReportedByKeyAndSideNeverByValue() {
        DriftFinding f = RULE.check(context(Map.of("deploy/role.yaml", "x"), List.of(
                "- rules[0].verbs: get", "+ rules[0].verbs: list", "- metadata.name: a", "+ \"odd: key\": secret-value",
                "+ \"a\\\"b\": v", "x ignored", "-", "+ bare"), Map.of()));

        assertThat(f.holds()).isFalse();
        assertThat(f.actual()).isEqualTo("vendor/role.yaml differs at 5 key(s) (values not shown):\n"
                + "    rules[0].verbs (different values)\n"
                + "    metadata.name (only in deploy/role.yaml at the ref)\n"
                + "    \"odd: key\" (only in vendor/role.yaml)\n"
                + "    \"a\\\"b\" (only in vendor/role.yaml)\n"
                + "    bare (only in vendor/role.yaml)");
        assertThat(f.toString()).doesNotContain("secret-value", "get", "list");
    }

    @Test
    void aKeyEndingTheLineAndAnEscapedQuoteInsideAKey() {
        assertThat(FileMatchRule.differingKeys(List.of("- a.b:", "+ \"q\\\": x\": v", "- k:v: w"), "r", "v"))
                .containsExactly("a.b (only in r at the ref)", "\"q\\\": x\" (only in v)", "k:v (only in r at the ref)");
    }

    @Test
    void atMostTwentyKeysAreListedAndTheRestCounted() {
        List<String> twentyOne = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            twentyOne.add("- k" + i + ": v");
        }
        List<String> twenty = twentyOne.subList(0, 20);

        String many = RULE.check(context(Map.of("deploy/role.yaml", "x"), twentyOne, Map.of())).actual();
        String enough = RULE.check(context(Map.of("deploy/role.yaml", "x"), twenty, Map.of())).actual();

        assertThat(many).contains("differs at 21 key(s)", "k19 (only", "... and 1 more key(s)").doesNotContain("k20 (only");
        assertThat(enough).contains("k19 (only").doesNotContain("more key(s)");
    }

    @Test
    void thePathAtTheRefMustBeRelative() {
        assertThatThrownBy(() -> new FileMatchRule("v.yaml", "", "/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anImageTagNamesTheCommitByAtLeastSevenCharacters() {
        RefImageRule rule = new RefImageRule("SEITASK_IMAGE");

        assertThat(rule.check(context(Map.of(), List.of(), Map.of("SEITASK_IMAGE", "ghcr.io/o/t:1a2b3c4"))).holds()).isTrue();
        assertThat(rule.check(context(Map.of(), List.of(), Map.of("SEITASK_IMAGE", "ghcr.io/o/t:1a2b3c"))).holds()).isFalse();
        assertThat(rule.check(context(Map.of(), List.of(), Map.of("SEITASK_IMAGE", "ghcr.io/o/t:v1.2-1A2B3C4"))).holds()).isTrue();
        assertThat(rule.check(context(Map.of(), List.of(), Map.of("SEITASK_IMAGE", "ghcr.io/o/t:v1.2-1a2b3c"))).holds()).isFalse();
        assertThat(rule.check(context(Map.of(), List.of(), Map.of("SEITASK_IMAGE", "ghcr.io/o/t:v1.2-1a2b3cz"))).holds()).isFalse();
        assertThat(rule.check(context(Map.of(), List.of(), Map.of("SEITASK_IMAGE", "ghcr.io/o/t:v1.2-9a2b3c4"))).holds()).isFalse();
        assertThat(rule.check(context(Map.of(), List.of(), Map.of("SEITASK_IMAGE", "ghcr.io/o/t:latest"))).holds()).isFalse();
    }

    @Test
    void aDeploymentIsNamedByNamespaceNameAndPerhapsContainer() {
        assertThat(DeploymentRef.parse("deployment/ns/seid")).isEqualTo(new DeploymentRef("ns", "seid", Optional.empty()));
        assertThat(DeploymentRef.parse("deployment/ns/seid/main").toString()).isEqualTo("deployment/ns/seid/main");
        assertThat(DeploymentRef.parse("deployment/ns/seid").toString()).isEqualTo("deployment/ns/seid");
        assertThatThrownBy(() -> DeploymentRef.parse("deployment/ns")).hasMessageContaining("is not deployment/");
        assertThatThrownBy(() -> DeploymentRef.parse("deployment/ns/a/b/c")).hasMessageContaining("is not deployment/");
        assertThatThrownBy(() -> DeploymentRef.parse("statefulset/ns/seid")).hasMessageContaining("is not deployment/");
        assertThatThrownBy(() -> DeploymentRef.parse("deployment/NS/seid")).hasMessageContaining("the namespace");
        assertThatThrownBy(() -> DeploymentRef.parse("deployment/ns/Seid")).hasMessageContaining("the deployment name");
        assertThatThrownBy(() -> DeploymentRef.parse("deployment/ns/seid/Main")).hasMessageContaining("the container name");
    }

    @Test
    void aReportSaysOnlyWhatIsBroken() {
        DriftReport report = new DriftReport(List.of(DriftFinding.holds("a", "x", "x"), DriftFinding.broken("b", "1", "2", "fix it"),
                new DriftFinding("c", "3", "4", false, "")));

        assertThat(report.allHold()).isFalse();
        assertThat(report.broken()).extracting(DriftFinding::rule).containsExactly("b", "c");
        assertThat(report.describeBroken()).isEqualTo("drift rule 'b' broken: expected 1, found 2. fix it\n"
                + "drift rule 'c' broken: expected 3, found 4");
        assertThat(DriftReport.EMPTY.allHold()).isTrue();
    }
}
