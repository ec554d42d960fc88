package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.manifest.ManifestException;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Fabric8ManifestReaderTest {

    private final ReadManifestPort reader = KubernetesAdapters.manifestReader();

    private static final String SCENARIO = """
            # Placeholders:
            #   $SEI_NAMESPACE   namespace
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: workflow-vars-release-test-r1
              namespace: ns1
            data:
              A: "1"
            ---
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Workflow
            metadata:
              name: release-test-r1
              labels:
                sei.io/scenario: release-test
                sei.io/workflow-run: "r1"
            spec:
              entry: main
              templates:
                - name: main
                  templateType: Serial
                  deadline: 60m
                  children: [keygen, run-test]
                - name: keygen
                  templateType: Task
                  deadline: 2m
                  task:
                    container:
                      name: keygen
                      image: ghcr.io/sei/seitask:abc123
                      command: ["/bin/sh", "-c"]
                      args:
                        - |
                          set -e
                          for i in $(seq 1 30); do echo ${CUR}; done
                      envFrom:
                        - configMapRef:
                            name: workflow-vars-release-test-r1
                - name: run-test
                  templateType: Task
                  deadline: 1h30m
                  task:
                    container:
                      name: run
                      image: ghcr.io/sei/release-test:v1
            ---
            """;

    @Test
    void readsEveryObjectAndTheWorkflowSpec() {
        ParsedManifest parsed = reader.read(SCENARIO);

        assertThat(parsed.objects()).extracting(o -> o.kind() + "/" + o.name())
                .containsExactly("ConfigMap/workflow-vars-release-test-r1", "Workflow/release-test-r1");
        assertThat(parsed.objects().get(0).namespace()).contains("ns1");
        assertThat(parsed.workflow().orElseThrow().labels()).containsEntry("sei.io/workflow-run", "r1");
        var spec = parsed.workflowSpec().orElseThrow();
        assertThat(spec.entry()).isEqualTo("main");
        assertThat(spec.entryDeadline()).contains(Duration.ofMinutes(60));
        assertThat(spec.template("main").orElseThrow().children()).containsExactly("keygen", "run-test");
        WorkflowTemplate keygen = spec.template("keygen").orElseThrow();
        assertThat(keygen.isTask()).isTrue();
        assertThat(keygen.deadline()).contains(Duration.ofMinutes(2));
        assertThat(keygen.images()).containsExactly("ghcr.io/sei/seitask:abc123");
        assertThat(keygen.envFromConfigMaps()).containsExactly("workflow-vars-release-test-r1");
        assertThat(keygen.scriptText()).isEqualTo("/bin/sh\n-c\nset -e\nfor i in $(seq 1 30); do echo ${CUR}; done\n");
        assertThat(spec.template("run-test").orElseThrow().deadline()).contains(Duration.ofMinutes(90));
    }

    @Test
    void anArgoWorkflowHasNoChaosMeshSpec() {
        ParsedManifest parsed = reader.read("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec: {entrypoint: x}\n");
        assertThat(parsed.workflow()).isPresent();
        assertThat(parsed.workflowSpec()).isEmpty();
    }

    @Test
    void errorsNameTheDocumentAndTheField() {
        String bad = SCENARIO.replace("deadline: 2m", "deadline: two minutes");
        assertThatThrownBy(() -> reader.read(bad))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("document 2 (Workflow release-test-r1)")
                .hasMessageContaining("spec.templates[1].deadline")
                .hasMessageContaining("is not a duration");

        assertThatThrownBy(() -> reader.read("apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"))
                .hasMessageContaining("document 1: metadata.name: is missing");
        assertThatThrownBy(() -> reader.read(SCENARIO.replace("children: [keygen, run-test]", "children: [keygen, nope]")))
                .hasMessageContaining("spec.templates[0].children: names the template 'nope'");
        assertThatThrownBy(() -> reader.read(SCENARIO.replace("entry: main", "entry: mian")))
                .hasMessageContaining("spec.entry: names the template 'mian'");
    }

    @Test
    void brokenYamlSaysWhichDocumentAndWhere() {
        assertThatThrownBy(() -> reader.read("a: 1\n---\nb: [1, 2\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("document 2")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThatThrownBy(() -> reader.read("apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: x}\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("kind");
    }

    @Test
    void aliasesAreExpandedButAnAliasBombIsRefused() {
        ParsedManifest parsed = reader.read("apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x, labels: {a: b}}\nextra: *m\n");
        assertThat(parsed.objects().get(0).labels()).containsEntry("a", "b");

        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        assertThatThrownBy(() -> reader.read(bomb.toString()))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("alias");
    }

    @Test
    void hugeOrDeepDocumentsAreRefused() {
        assertThatThrownBy(() -> reader.read("a: " + "x".repeat(YamlDocuments.MAX_CHARS)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("more than the limit");
        assertThatThrownBy(() -> reader.read("[".repeat(200) + "]".repeat(200)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("nested deeper");
    }

    @Test
    void twoManifestsWithOneWorkflowEachAreFineButOneWithTwoIsNot() {
        String two = SCENARIO + SCENARIO.substring(SCENARIO.indexOf("apiVersion: chaos-mesh.org")).replace("release-test-r1\n  labels", "other\n  labels");
        assertThatThrownBy(() -> reader.read(two)).hasMessageContaining("2 Workflows");
    }

    @Test
    void dataDifferencesIgnoreKeyOrderAndComments() {
        String a = "# vendored\nkind: Role\nrules:\n  - verbs: [get, list]\n    resources: [pods]\nmetadata: {name: r}\n";
        String b = "kind: Role\nmetadata:\n  name: r   # same\nrules:\n- resources: [pods]\n  verbs: [get, list]\n";
        assertThat(reader.dataDifferences(a, b)).isEmpty();

        String c = b.replace("[get, list]", "[get, list, watch]").replace("name: r", "name: s");
        assertThat(reader.dataDifferences(a, c)).containsExactly(
                "- metadata.name: r",
                "+ metadata.name: s",
                "+ rules[0].verbs[2]: watch");
    }
}
