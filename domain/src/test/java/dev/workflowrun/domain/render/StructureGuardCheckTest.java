package dev.workflowrun.domain.render;

import dev.workflowrun.domain.manifest.ManifestException;
import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import dev.workflowrun.domain.variables.VariableDeclaration;
import dev.workflowrun.domain.variables.VariableProblem;
import dev.workflowrun.domain.variables.VariableType;
import dev.workflowrun.domain.variables.Variables;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class StructureGuardCheckTest {

    /** A reader whose data differences are scripted; it remembers which two documents it was asked to compare. */
    private static final class ScriptedReader implements ReadManifestPort {
        final Supplier<List<String>> differences;
        final List<String> comparedNeutral = new ArrayList<>();
        final List<String> comparedRendered = new ArrayList<>();

        ScriptedReader(Supplier<List<String>> differences) {
            this.differences = differences;
        }

        static ScriptedReader answering(String... lines) {
            return new ScriptedReader(() -> List.of(lines));
        }

        @Override
        public ParsedManifest read(String yaml) {
            throw new AssertionError("the structure guard compares documents; it does not read one");
        }

        @Override
        public List<String> dataDifferences(String expectedYaml, String actualYaml) {
            comparedNeutral.add(expectedYaml);
            comparedRendered.add(actualYaml);
            return differences.get();
        }
    }

    private static Variables bind(Object... nameTypeValue) {
        List<VariableDeclaration> declared = new ArrayList<>();
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < nameTypeValue.length; i += 3) {
            String name = (String) nameTypeValue[i];
            declared.add(new VariableDeclaration(name, (VariableType) nameTypeValue[i + 1], ""));
            given.put(name, (String) nameTypeValue[i + 2]);
        }
        return Variables.bind(declared, given);
    }

    private static List<VariableProblem> check(String template, Variables variables, ReadManifestPort reader) {
        String rendered = TemplateRenderer.render(template, variables.substitutions()).yaml();
        return StructureGuard.check(template, variables, rendered, reader);
    }

    @Nested
    class ByContext {

        @Test
        void aCommaInAValueUsedInAFlowSequenceIsRefusedNamingTheLineAndTheContext() {
            Variables vars = bind("FLAGS", VariableType.TEXT, "ok,--privileged");
            ScriptedReader reader = ScriptedReader.answering();

            List<VariableProblem> problems = check("kind: Workflow\nargs: [--n=$FLAGS, y]\n", vars, reader);

            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.variable()).isEqualTo("FLAGS");
                assertThat(p.problem()).isEqualTo("'ok,--privileged' holds ',' and line 2 uses $FLAGS in "
                        + YamlContext.FLOW.description() + ", where ',' is YAML syntax (',' ends an item): the value would add items or keys to the manifest");
                assertThat(p.fix()).isEqualTo("quote it in the scenario (\"...$FLAGS...\") or give a value without ','");
            });
            assertThat(reader.comparedNeutral).as("the text check alone decides").isEmpty();
        }

        @Test
        void aNameUsedInSeveralFlowsGivesOneProblemAtItsFirstUse() {
            Variables vars = bind("V", VariableType.TEXT, "a,b");

            List<VariableProblem> problems = StructureGuard.byContext("x: $V\na: [$V]\n\nb: [$V]\n", vars);

            assertThat(problems).singleElement().extracting(VariableProblem::problem).asString().contains("line 2 uses $V");
        }

        @Test
        void eachOffendingNameHasItsOwnProblem() {
            Variables vars = bind("A", VariableType.TEXT, "1,2", "B", VariableType.TEXT, "3,4");

            List<VariableProblem> problems = StructureGuard.byContext("a: [$A]\nb: [$B]\n", vars);

            assertThat(problems).extracting(VariableProblem::variable).containsExactly("A", "B");
        }

        @Test
        void aSecretValueIsNotShownInTheProblem() {
            Variables vars = bind("TOKEN", VariableType.SECRET, "s3cr3t,x");

            List<VariableProblem> problems = StructureGuard.byContext("a: [$TOKEN]\n", vars);

            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.problem()).startsWith("the secret value holds ','").doesNotContain("s3cr3t");
                assertThat(p.toString()).doesNotContain("s3cr3t");
            });
        }

        @Test
        void aLongValueIsShownAbbreviated() {
            String value = "x".repeat(100) + ",y";
            Variables vars = bind("V", VariableType.TEXT, value);

            List<VariableProblem> problems = StructureGuard.byContext("a: [$V]\n", vars);

            assertThat(problems).singleElement().extracting(VariableProblem::problem).asString()
                    .startsWith("'" + "x".repeat(77) + "...' holds ','");
        }

        @Test
        void theSameValueQuotedOrOutsideAFlowIsNoProblem() {
            Variables vars = bind("V", VariableType.TEXT, "a,b");

            assertThat(StructureGuard.byContext("a: [\"$V\"]\nb: $V\nc: |\n  $V\n", vars)).isEmpty();
        }
    }

    @Nested
    class ByShape {

        @Test
        void theRenderingIsComparedWithOneRenderedWithADistinctNeutralStandInPerName() {
            Variables vars = bind("A", VariableType.TEXT, "one", "B", VariableType.TEXT, "two");
            ScriptedReader reader = ScriptedReader.answering();

            List<VariableProblem> problems = check("a: $A\nb: ${B}\nc: $A\n", vars, reader);

            assertThat(problems).isEmpty();
            assertThat(reader.comparedNeutral).containsExactly("a: standin0\nb: standin1\nc: standin0\n");
            assertThat(reader.comparedRendered).containsExactly("a: one\nb: two\nc: one\n");
        }

        @Test
        void aPathThatAppearsOnlyWithTheRealValuesIsRefusedNamingTheFreeTextValuesOnly() {
            Variables vars = bind("IMG", VariableType.IMAGE, "ghcr.io/a/b:1", "A", VariableType.TEXT, "x", "B", VariableType.TEXT, "y");
            ScriptedReader reader = ScriptedReader.answering("- args[0]: standin1", "+ args[0]: x", "+ args[1]: --privileged");

            List<VariableProblem> problems = check("image: $IMG\nargs: $A\nb: $B\n", vars, reader);

            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.variable()).isEqualTo("A, B");
                assertThat(p.problem()).isEqualTo("the value of $A, $B changes the manifest's structure, not only its data: compared with a rendering "
                        + "with neutral values, args[1] appear, vanish or change kind");
                assertThat(p.fix()).contains("quote the placeholder");
            });
        }

        @Test
        void whenNoFreeTextValueIsUsedTheValuesAsAWholeAreBlamed() {
            Variables vars = bind("IMG", VariableType.IMAGE, "ghcr.io/a/b:1");
            ScriptedReader reader = ScriptedReader.answering("+ extra: 1");

            List<VariableProblem> problems = check("image: $IMG\n", vars, reader);

            assertThat(problems).singleElement().satisfies(p -> {
                assertThat(p.variable()).isEqualTo("(values)");
                assertThat(p.problem()).startsWith("the values changes the manifest's structure");
            });
        }

        @Test
        void aSecretIsAFreeTextValueToBlame() {
            Variables vars = bind("IMG", VariableType.IMAGE, "ghcr.io/a/b:1", "TOKEN", VariableType.SECRET, "s");
            ScriptedReader reader = ScriptedReader.answering("+ extra: 1");

            assertThat(check("image: $IMG\nt: $TOKEN\n", vars, reader)).singleElement()
                    .extracting(VariableProblem::variable).isEqualTo("TOKEN");
        }

        private String problemWithAddedPaths(int count) {
            List<String> added = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                added.add("+ k" + i + ": v");
            }
            List<VariableProblem> problems = check("a: $A\n", bind("A", VariableType.TEXT, "x"), new ScriptedReader(() -> added));
            assertThat(problems).hasSize(1);
            return problems.get(0).problem();
        }

        @Test
        void atMostEightChangedPathsAreListed() {
            assertThat(problemWithAddedPaths(10)).contains("k0, k1, k2, k3, k4, k5, k6, k7, ... appear").doesNotContain("k8");
        }

        @Test
        void eightChangedPathsAreListedWithoutEllipsis() {
            assertThat(problemWithAddedPaths(8)).contains("k6, k7 appear").doesNotContain("...");
        }

        @Test
        void aNeutralRenderingThatIsNotYamlWhileTheRealOneIsMeansTheValuesMadeTheStructure() {
            Variables vars = bind("A", VariableType.TEXT, "x");

            List<VariableProblem> manifest = check("a: $A\n", vars, new ScriptedReader(() -> {
                throw new ManifestException("line 1: not a mapping");
            }));
            List<VariableProblem> argument = check("a: $A\n", vars, new ScriptedReader(() -> {
                throw new IllegalArgumentException("no document");
            }));

            assertThat(manifest).singleElement().extracting(VariableProblem::problem).asString().contains("(document) appear");
            assertThat(argument).singleElement().extracting(VariableProblem::problem).asString().contains("(document) appear");
        }
    }

    @Nested
    class ShapeChanges {

        private final Map<String, String> values = Map.of("X", "v");
        private final Map<String, String> standIns = Map.of("X", "standin0");

        @Test
        void aScalarBecomingAFlowSequenceOrTheReverseChangesKind() {
            assertThat(StructureGuard.shapeChanges(List.of("- a: standin0", "+ a: [\"v\",\"w\"]"), values, standIns)).containsExactly("a");
            assertThat(StructureGuard.shapeChanges(List.of("- a: [\"standin0\"]", "+ a: v"), values, standIns)).containsExactly("a");
            assertThat(StructureGuard.shapeChanges(List.of("- a: {\"k\":1}", "+ a: [1]"), values, standIns))
                    .as("a mapping and a sequence are both collections: the paths below them tell").isEmpty();
        }

        @Test
        void aPathThatVanishesIsAChange() {
            assertThat(StructureGuard.shapeChanges(List.of("- a: standin0", "- b: 1", "+ a: v"), values, standIns)).containsExactly("b");
        }

        @Test
        void linesThatAreNotDifferencesAreIgnored() {
            assertThat(StructureGuard.shapeChanges(List.of("", "x", "  a: 1", "= b: 2"), values, standIns)).isEmpty();
        }

        @Test
        void aDifferenceWithoutADatumIsAPath() {
            assertThat(StructureGuard.shapeChanges(List.of("+ a.b"), values, standIns)).containsExactly("a.b");
        }
    }
}
