package dev.workflowrun.proof.hostile;

import dev.workflowrun.proof.faults.ApiFaults;
import dev.workflowrun.proof.faults.ProofRig;
import dev.workflowrun.proof.faults.ProofRig.Ran;
import dev.workflowrun.testkit.ChaosMeshKinds;
import dev.workflowrun.testkit.MockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input, second round (docs/RELIABILITY.md, "Round 2: the runner"): a Workflow of the run's name
 * that this runner did not create, values that would change the YAML's structure in a flow collection,
 * a byte-order mark in front of the placeholder header. Each case asserts the exit code, an error that
 * names the input, the rule and the fix, no mutating request of the runner, and the bundle kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerHostileInputRound2Test {

    private static final String EXAMPLE = read(Path.of("..", "examples", "scenarios", "release-test", "workflow.yaml"));
    private static final Map<String, String> SCENARIO_FILES = new LinkedHashMap<>();

    private ProofRig rig;
    private MockCluster cluster;
    private ApiFaults recorder;
    private String ref;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        scenarioFiles();
        rig = new ProofRig(Files.createTempDirectory("proof-hostile2-"));
        ref = rig.addScenarios(SCENARIO_FILES);
        cluster = MockCluster.start();
        recorder = ApiFaults.install(cluster);
    }

    @AfterAll
    void stop() throws Exception {
        cluster.close();
        rig.close();
    }

    @AfterEach
    void emptyTheNamespace() {
        cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(ProofRig.NAMESPACE).delete();
        cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(ProofRig.NAMESPACE).delete();
        cluster.client().pods().inNamespace(ProofRig.NAMESPACE).delete();
        cluster.client().configMaps().inNamespace(ProofRig.NAMESPACE).delete();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Scenario files of this class, committed once; each is run with --scenario-path. */
    private static void scenarioFiles() {
        String withNote = EXAMPLE.replace("#   $RELEASE_TEST_IMAGE     release-test suite image\n",
                "#   $RELEASE_TEST_IMAGE     release-test suite image\n#   $RUN_NOTE               a note for the keygen task\n");
        SCENARIO_FILES.put("round2/flow-sequence.yaml", withNote.replace("          command: [\"seitask\", \"keygen\"]\n          args:\n"
                + "            - --secret=release-test-admin-$SEI_WORKFLOW_RUN_ID\n            - --namespace=$SEI_NAMESPACE\n",
                "          command: [\"seitask\", \"keygen\"]\n          args: [--note=$RUN_NOTE, --namespace=$SEI_NAMESPACE]\n"));
        SCENARIO_FILES.put("round2/flow-mapping.yaml", withNote.replace("  labels:\n    sei.io/scenario: release-test\n",
                "  labels: {sei.io/scenario: release-test, note: $RUN_NOTE}\n  annotations:\n"));
        SCENARIO_FILES.put("round2/quoted-in-flow.yaml", withNote.replace("          command: [\"seitask\", \"keygen\"]\n          args:\n"
                + "            - --secret=release-test-admin-$SEI_WORKFLOW_RUN_ID\n            - --namespace=$SEI_NAMESPACE\n",
                "          command: [\"seitask\", \"keygen\"]\n          args: [\"--note=$RUN_NOTE\", --namespace=$SEI_NAMESPACE]\n"));
        SCENARIO_FILES.put("round2/block-sequence.yaml", withNote.replace("            - --namespace=$SEI_NAMESPACE\n\n    - name: provision",
                "            - --namespace=$SEI_NAMESPACE\n            - --note=$RUN_NOTE\n\n    - name: provision"));
        SCENARIO_FILES.put("round2/bom.yaml", "\uFEFF" + EXAMPLE);
        SCENARIO_FILES.put("round2/escape-in-kind.yaml", EXAMPLE + "\n---\napiVersion: v1\nkind: \"Pod\\e[2J\\e]0;pwned\\a\"\nmetadata:\n"
                + "  name: \"x\\e[31mred\"\n");
        SCENARIO_FILES.put("round2/escape-in-template.yaml", EXAMPLE.replace("    - name: keygen-admin\n", "    - name: \"keygen\\e[2Jadmin\"\n"));
    }

    private Ran run(String runId, String... extra) {
        String[] flags = Stream.concat(Stream.of("--scenario-ref=" + ref), Stream.of(extra)).toArray(String[]::new);
        return rig.run(cluster, cluster.url(), dir, runId, flags);
    }

    private List<ApiFaults.Seen> mutationsSince(int before) {
        List<ApiFaults.Seen> all = recorder.mutations();
        return all.subList(before, all.size());
    }

    // ------------------------------------------------------------------ #1 adoption of a Workflow this runner did not create

    /** Someone else's Workflow with this run's name: labels as given, one node and one Task pod of it. */
    private void plantWorkflow(String runId, Map<String, String> labels) {
        String name = ProofRig.SCENARIO + "-" + runId;
        GenericKubernetesResource wf = new GenericKubernetesResource();
        wf.setApiVersion(ChaosMeshKinds.API_VERSION);
        wf.setKind("Workflow");
        wf.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace(ProofRig.NAMESPACE)
                .withLabels(labels).build());
        wf.setAdditionalProperty("spec", Map.of("entry", "theirs", "templates", List.of(Map.of("name", "theirs", "templateType", "Suspend",
                "deadline", "1h"))));
        cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(ProofRig.NAMESPACE).resource(wf).create();
        GenericKubernetesResource node = new GenericKubernetesResource();
        node.setApiVersion(ChaosMeshKinds.API_VERSION);
        node.setKind("WorkflowNode");
        node.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name + "-theirs").withNamespace(ProofRig.NAMESPACE)
                .withLabels(Map.of(ChaosMeshKinds.LABEL_WORKFLOW, name)).build());
        cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW_NODE).inNamespace(ProofRig.NAMESPACE).resource(node).create();
        cluster.client().pods().inNamespace(ProofRig.NAMESPACE).resource(new PodBuilder().withNewMetadata().withName(name + "-theirs-pod")
                .withLabels(Map.of(ChaosMeshKinds.LABEL_WORKFLOW, name, ChaosMeshKinds.LABEL_CONTROLLED_BY, name + "-theirs")).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build()).create();
    }

    static Stream<Arguments> foreignLabels() {
        return Stream.of(
                new Arguments("no labels at all", Map.of()),
                new Arguments("only the run id label", Map.of("workflow-run.dev/run-id", "RUNID")),
                new Arguments("run id and scenario, not managed by workflow-run", Map.of("workflow-run.dev/run-id", "RUNID",
                        "workflow-run.dev/scenario", ProofRig.SCENARIO)),
                new Arguments("managed by workflow-run for another scenario", Map.of("workflow-run.dev/run-id", "RUNID",
                        "workflow-run.dev/scenario", "load-test", "app.kubernetes.io/managed-by", "workflow-run")),
                new Arguments("managed by another tool", Map.of("workflow-run.dev/run-id", "RUNID",
                        "workflow-run.dev/scenario", ProofRig.SCENARIO, "app.kubernetes.io/managed-by", "helm")));
    }

    record Arguments(String name, Map<String, String> labels) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignLabels")
    void aWorkflowOfTheRunsNameThatThisRunnerDidNotCreateIsNeitherAdoptedNorTouched(Arguments c) {
        String runId = "foreign-" + Integer.toHexString(c.name().hashCode() & 0xffffff);
        Map<String, String> labels = new LinkedHashMap<>();
        c.labels().forEach((k, v) -> labels.put(k, v.replace("RUNID", runId)));
        plantWorkflow(runId, labels);
        int before = recorder.mutations().size();

        Ran ran = run(runId);

        assertThat(ran.code()).as(ran.summary()).isEqualTo(2);
        assertThat(mutationsSince(before)).as("the runner's mutating requests\n%s", ran.summary()).isEmpty();
        assertThat(ran.err()).as(ran.summary()).contains("already exists but this runner did not create it", "not adopted",
                "nothing was changed", "use another --run-id").doesNotContain("adopted the existing Workflow");
        assertThat(ran.left().workflows()).isEqualTo(1);
        assertThat(ran.left().nodes()).isEqualTo(1);
        assertThat(ran.left().pods()).isEqualTo(1);
        GenericKubernetesResource theirs = cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(ProofRig.NAMESPACE)
                .withName(ProofRig.SCENARIO + "-" + runId).get();
        assertThat(theirs.getMetadata().getAnnotations()).as("no abort annotation").isNullOrEmpty();
        assertThat(ran.bundleKept()).as(ran.summary()).isTrue();
    }

    // ------------------------------------------------------------------ #7 a value that would change the YAML's structure

    record Structural(String name, String path, String value, int exitCode, List<String> mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Structural> structuralValues() {
        return Stream.of(
                new Structural("comma in a flow sequence (args: [--note=$RUN_NOTE])", "round2/flow-sequence.yaml", "ok,--privileged,--as=root", 64,
                        List.of("RUN_NOTE", "line 42", "flow collection", "','", "quote it in the scenario")),
                new Structural("closing bracket in a flow sequence", "round2/flow-sequence.yaml", "ok]", 64,
                        List.of("RUN_NOTE", "']'")),
                new Structural("comma in a flow mapping (labels: {note: $RUN_NOTE})", "round2/flow-mapping.yaml", "ok,owner=root", 64,
                        List.of("RUN_NOTE", "flow collection", "','")),
                new Structural("brace in a flow mapping", "round2/flow-mapping.yaml", "ok}", 64,
                        List.of("RUN_NOTE", "'}'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structuralValues")
    void aValueThatWouldChangeTheStructureIsRefusedBeforeApply(Structural c) {
        String runId = "struct-" + Integer.toHexString(c.name().hashCode() & 0xffffff);
        int before = recorder.mutations().size();

        Ran ran = run(runId, "--scenario-path=scenarios/" + c.path(), "--var=RUN_NOTE=" + c.value());

        assertThat(ran.code()).as(ran.summary()).isEqualTo(c.exitCode());
        assertThat(ran.err()).as(ran.summary()).contains(c.mentions());
        assertThat(mutationsSince(before)).as("mutating requests").isEmpty();
        assertThat(ran.left().none()).isTrue();
    }

    /** The neighbours that must still work: the same value where a comma is text. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dataOnly")
    void aCommaWhereItIsTextIsAcceptedAndStaysOneItem(String path) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("render", "--quiet"));
        rig.args("data-only", cluster.url(), dir, "--scenario-ref=" + ref, "--scenario-path=scenarios/" + path,
                        "--var=RUN_NOTE=ok,--privileged,--as=root").stream()
                .filter(a -> Stream.of("--scenario", "--namespace", "--run-id", "--var=").anyMatch(a::startsWith)).forEach(args::add);
        int code = dev.workflowrun.runner.WorkflowRunAccess.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("--note=ok,--privileged,--as=root");
    }

    static Stream<String> dataOnly() {
        return Stream.of("round2/quoted-in-flow.yaml", "round2/block-sequence.yaml");
    }

    // ------------------------------------------------------------------ #15 a byte-order mark in front of the placeholder header

    @Test
    void aByteOrderMarkInFrontOfThePlaceholderHeaderIsNotText() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("render", "--quiet"));
        rig.args("bom-1", cluster.url(), dir, "--scenario-ref=" + ref, "--scenario-path=scenarios/round2/bom.yaml").stream()
                .filter(a -> Stream.of("--scenario", "--namespace", "--run-id", "--var=").anyMatch(a::startsWith)).forEach(args::add);
        int code = dev.workflowrun.runner.WorkflowRunAccess.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("name: release-test-bom-1", "--seid-image=ghcr.io/sei-protocol/seid:v6.1.0").doesNotContain("\uFEFF");
    }

    // ------------------------------------------------------------------ #14 terminal escape codes in what is printed

    static Stream<Structural> escapeCodes() {
        return Stream.of(
                new Structural("escape codes in a value", "", "--var=SEI_CHAIN_ID=chain\u001b[2J\u001b]0;pwned\u0007", 64,
                        List.of("SEI_CHAIN_ID", "chain\\u001b[2J\\u001b]0;pwned\\u0007")),
                new Structural("escape codes in the scenario path", "", "--scenario-path=scenarios/\u001b[2Jx.yaml", 64, List.of("scenario path contains a control character")),
                new Structural("escape codes in a kind and a name of the scenario", "", "--scenario-path=scenarios/round2/escape-in-kind.yaml", 2,
                        List.of("[allowed-kinds]", "Pod\\u001b[2J\\u001b]0;pwned\\u0007")),
                new Structural("escape codes in a template name", "", "--scenario-path=scenarios/round2/escape-in-template.yaml", 2,
                        List.of("names the template 'keygen-admin', which is not defined")),
                new Structural("escape codes in an unknown flag", "", "--no-such-flag\u001b[2J", 64, List.of("--no-such-flag\\u001b[2J")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapeCodes")
    void controlCharactersAreEscapedInEverythingPrinted(Structural c) {
        String runId = "esc-" + Integer.toHexString(c.name().hashCode() & 0xffffff);
        int before = recorder.mutations().size();

        Ran ran = run(runId, c.value());

        assertThat(ran.code()).as(ran.summary()).isEqualTo(c.exitCode());
        assertThat(ran.out() + ran.err()).as(ran.summary()).contains(c.mentions()).doesNotContain("\u001b", "\u0007");
        assertThat(mutationsSince(before)).as("mutating requests").isEmpty();
    }
}
