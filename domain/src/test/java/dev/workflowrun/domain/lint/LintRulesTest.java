package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.ManifestObject;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.WorkflowSpec;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LintRulesTest {

    private static final String NAME = "release-test-nightly-42";
    private static final ManifestObject WORKFLOW = new ManifestObject("chaos-mesh.org/v1alpha1", "Workflow", NAME, Optional.of("nightly"), Map.of());

    private static WorkflowTemplate serial(String name, String deadline, String... children) {
        return new WorkflowTemplate(name, "Serial", Optional.of(Duration.parse("PT" + deadline.toUpperCase())), List.of(children), List.of(), List.of(), "", Optional.empty());
    }

    private static WorkflowTemplate task(String name, String deadline, String image, List<String> configMaps, String script) {
        return new WorkflowTemplate(name, "Task", Optional.of(Duration.parse("PT" + deadline.toUpperCase())), List.of(), List.of(image), configMaps, script, Optional.of(name));
    }

    private static final String GOOD_IMAGE = "ghcr.io/sei-protocol/seitask:1a2b3c4d5e6f";

    private static List<WorkflowTemplate> healthy() {
        return new ArrayList<>(List.of(
                serial("main", "60m", "keygen", "run"),
                task("keygen", "5m", GOOD_IMAGE, List.of("workflow-vars-" + NAME), "for i in $(seq 1 30); do echo ${CUR}; done"),
                task("run", "32m", GOOD_IMAGE, List.of(), "echo $(POD_NAME)")));
    }

    private static LintContext context(List<ManifestObject> objects, List<WorkflowTemplate> templates, String template, String rendered,
                                       List<VariableDeclaration> declared) {
        ParsedManifest m = new ParsedManifest(objects, objects.stream().filter(o -> o.kind().equals("Workflow")).findFirst(),
                Optional.of(new WorkflowSpec("main", templates)));
        return new LintContext(m, template, rendered, declared, "nightly", NAME);
    }

    private static LintContext healthyContext() {
        return context(List.of(WORKFLOW), healthy(), "image: $SEITASK_IMAGE", "image: " + GOOD_IMAGE,
                List.of(new VariableDeclaration("SEITASK_IMAGE", VariableType.IMAGE, "")));
    }

    private static List<LintFinding> all(LintContext c) {
        List<LintFinding> findings = new ArrayList<>();
        for (ManifestCheck rule : LintRules.defaults()) {
            findings.addAll(rule.check(c));
        }
        return findings;
    }

    @Test
    void aHealthyScenarioHasNoFindingButThatItsTaggedImagesAreMutable() {
        // A tag can be pushed again: under the default --pinned=tag a tagged Task image is a warning, never an error.
        assertThat(all(healthyContext())).extracting(LintFinding::toString).containsExactly("warning [pinned-images] templates 'keygen', 'run'"
                + " use image 'ghcr.io/sei-protocol/seitask:1a2b3c4d5e6f' by the mutable tag '1a2b3c4d5e6f'; a tag can be pushed again,"
                + " pin a digest (ghcr.io/sei-protocol/seitask@sha256:<64 hex>) to be sure what runs");
    }

    @Test
    void theUpstreamConfigMapBugIsCaughtBeforeApply() {
        List<WorkflowTemplate> templates = healthy();
        templates.set(1, task("keygen", "5m", GOOD_IMAGE, List.of("workflow-vars-nightly-42"), ""));
        List<LintFinding> findings = new ConfigMapRefRule().check(context(List.of(WORKFLOW), templates, "", "", List.of()));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.isError()).isTrue();
            assertThat(f.message()).isEqualTo("template 'keygen' reads envFrom ConfigMap 'workflow-vars-nightly-42', but the per-run ConfigMap is "
                    + "'workflow-vars-release-test-nightly-42' (workflow-vars-<workflow name>); the pod would sit in CreateContainerConfigError until its deadline");
        });
    }

    @Test
    void clusterScopedOtherNamespaceAndForeignKindsAreRefused() {
        List<ManifestObject> objects = List.of(WORKFLOW,
                new ManifestObject("rbac.authorization.k8s.io/v1", "ClusterRole", "admin", Optional.empty(), Map.of()),
                new ManifestObject("v1", "ConfigMap", "x", Optional.of("kube-system"), Map.of()));
        List<LintFinding> findings = new AllowedKindsRule().check(context(objects, healthy(), "", "", List.of()));
        assertThat(findings).extracting(LintFinding::message).containsExactly(
                "ClusterRole 'admin' is cluster-scoped; a scenario may only create its Workflow",
                "v1/ConfigMap 'x' is not allowed; a scenario holds exactly one chaos-mesh.org/v1alpha1 Workflow (create other objects from a Task)",
                "ConfigMap 'x' is for namespace 'kube-system', not the run's 'nightly'");
    }

    @Test
    void twoWorkflowsAreRefused() {
        List<LintFinding> findings = new AllowedKindsRule().check(context(List.of(WORKFLOW, WORKFLOW), healthy(), "", "", List.of()));
        assertThat(findings).extracting(LintFinding::message).containsExactly("the scenario holds 2 Workflows; it must hold exactly one");
    }

    @Test
    void aMissingEntryAMissingChildAndACycleAreErrors() {
        List<WorkflowTemplate> templates = List.of(serial("main", "60m", "a", "ghost"), serial("a", "5m", "b"), serial("b", "5m", "a"));
        List<LintFinding> findings = new WorkflowShapeRule().check(context(List.of(WORKFLOW), templates, "", "", List.of()));
        assertThat(findings).extracting(LintFinding::message).containsExactly(
                "template 'main' has child 'ghost', which is not a template",
                "templates form a cycle: main -> a -> b -> a");
        ParsedManifest noEntry = new ParsedManifest(List.of(WORKFLOW), Optional.of(WORKFLOW), Optional.of(new WorkflowSpec("start", healthy())));
        assertThat(new WorkflowShapeRule().check(new LintContext(noEntry, "", "", List.of(), "nightly", NAME)))
                .extracting(LintFinding::message).containsExactly("spec.entry 'start' names no template; templates are keygen, main, run".replace("keygen, main, run",
                        String.join(", ", new java.util.HashSet<>(List.of("main", "keygen", "run")))));
    }

    @Test
    void unusedAndUndeclaredPlaceholdersAreWarnings() {
        LintContext c = context(List.of(WORKFLOW), healthy(),
                "# Placeholders:\n#   $UNUSED_IMAGE\nimage: $SEITASK_IMAGE\nvalue: $FORGOTTEN\n",
                "# Placeholders:\n#   $UNUSED_IMAGE\nimage: " + GOOD_IMAGE + "\nvalue: $FORGOTTEN\nscript: for i in $(seq 1 30); do echo ${CUR}; done\nliteral: $$ESCAPED\n",
                List.of(new VariableDeclaration("SEITASK_IMAGE", VariableType.IMAGE, ""), new VariableDeclaration("UNUSED_IMAGE", VariableType.IMAGE, "")));
        List<LintFinding> findings = new PlaceholderUsageRule().check(c);
        assertThat(findings).allMatch(f -> !f.isError()).extracting(LintFinding::message).containsExactly(
                "$UNUSED_IMAGE is declared but never used; drop it from the header",
                "$FORGOTTEN looks like a placeholder but is not declared, so it stays as written; declare it in the header or escape it as $$FORGOTTEN");
    }

    @Test
    void childrenWhoseDeadlinesExceedTheParentsAreAWarning() {
        List<WorkflowTemplate> templates = List.of(serial("main", "30m", "keygen", "run"),
                task("keygen", "5m", GOOD_IMAGE, List.of(), ""), task("run", "32m", GOOD_IMAGE, List.of(), ""));
        assertThat(new DeadlineBudgetRule().check(context(List.of(WORKFLOW), templates, "", "", List.of())))
                .extracting(LintFinding::toString)
                .containsExactly("warning [deadline-budget] Serial 'main' has deadline 30m but its children's deadlines add up to 37m;"
                        + " a slow run is cut by the parent before any child's own deadline");
    }

    @Test
    void unpinnedImagesAreErrors() {
        List<WorkflowTemplate> templates = List.of(serial("main", "60m", "a", "b"),
                task("a", "5m", "busybox", List.of(), ""), task("b", "5m", "ghcr.io/x/y:latest", List.of(), ""));
        assertThat(new PinnedImagesRule().check(context(List.of(WORKFLOW), templates, "", "", List.of())))
                .extracting(LintFinding::message).containsExactly(
                        "template 'a' uses image 'busybox' without a tag or with :latest; pin it to a commit tag or a digest",
                        "template 'b' uses image 'ghcr.io/x/y:latest' without a tag or with :latest; pin it to a commit tag or a digest");
    }
}
