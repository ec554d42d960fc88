package dev.workflowrun.domain.scenario;

import dev.workflowrun.domain.variables.PlaceholderUse;
import dev.workflowrun.domain.variables.VariableType;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a placeholder sits in the block YAML of a scenario, and what that place asks of a value. */
class PlaceholderUsesTest {

    private static List<PlaceholderUse> usesOfX(String template) {
        return PlaceholderUses.find(template, Set.of("X")).getOrDefault("X", List.of());
    }

    private static PlaceholderUse onlyUseOfX(String template) {
        List<PlaceholderUse> uses = usesOfX(template);
        assertThat(uses).hasSize(1);
        return uses.get(0);
    }

    @Nested
    class Fields {

        @Test
        void aConfigMapOrSecretReferenceNamesAnObject() {
            assertThat(onlyUseOfX("envFrom:\n  - configMapRef:\n      name: vars-$X\n"))
                    .isEqualTo(new PlaceholderUse(3, "configMapRef.name", VariableType.DNS_SUBDOMAIN));
            assertThat(onlyUseOfX("env:\n  - name: TOKEN\n    valueFrom:\n      secretKeyRef:\n        name: $X\n"))
                    .isEqualTo(new PlaceholderUse(5, "secretKeyRef.name", VariableType.DNS_SUBDOMAIN));
        }

        @Test
        void aNameUnderAnyOtherKeyIsNoObjectName() {
            assertThat(onlyUseOfX("spec:\n  container:\n    name: $X\n")).isEqualTo(new PlaceholderUse(3, "spec.container.name", VariableType.TEXT));
        }

        @Test
        void aDeadlineIsAGoDuration() {
            assertThat(onlyUseOfX("templates:\n  - name: main\n    deadline: $X\n")).isEqualTo(new PlaceholderUse(3, "deadline", VariableType.DURATION));
        }

        @Test
        void anImageOnTheLineOfItsSequenceDashIsAnImage() {
            assertThat(onlyUseOfX("containers:\n  - image: $X\n    name: c\n")).isEqualTo(new PlaceholderUse(2, "image", VariableType.IMAGE));
        }

        @Test
        void aValueDeepUnderEnvIsTextNamedByTheContainerField() {
            assertThat(onlyUseOfX("env:\n  FOO: $X\n")).isEqualTo(new PlaceholderUse(2, "env", VariableType.TEXT));
            assertThat(onlyUseOfX("args:\n  opts:\n    level: $X\n")).isEqualTo(new PlaceholderUse(3, "args", VariableType.TEXT));
        }

        @Test
        void aPlaceholderOutsideAnyKeyIsAtTheTopLevel() {
            assertThat(onlyUseOfX("$X\n")).isEqualTo(new PlaceholderUse(1, "(top level)", VariableType.TEXT));
        }

        @Test
        void quotedKeysCountAsTheirText() {
            assertThat(onlyUseOfX("\"image\": $X\n")).isEqualTo(new PlaceholderUse(1, "image", VariableType.IMAGE));
            assertThat(onlyUseOfX("'deadline': $X\n")).isEqualTo(new PlaceholderUse(1, "deadline", VariableType.DURATION));
        }

        @Test
        void anEscapedDollarIsNoUse() {
            assertThat(usesOfX("args: [echo $$X, \"$${X}\"]\n")).isEmpty();
            assertThat(onlyUseOfX("args: [echo $$, $X]\n").field()).isEqualTo("args");
        }
    }

    @Nested
    class Structure {

        @Test
        void everyLineOfABlockScalarBelongsToItsKeyEvenAtTheTopLevel() {
            assertThat(onlyUseOfX("script: |\n  image: $X\n")).isEqualTo(new PlaceholderUse(2, "script", VariableType.TEXT));
        }

        @Test
        void aBlockScalarEndsAtTheIndentationOfItsKey() {
            List<PlaceholderUse> uses = PlaceholderUses.find("task:\n  script: |\n    echo $A\n  image: $X\n", Set.of("A", "X")).get("X");

            assertThat(uses).containsExactly(new PlaceholderUse(4, "image", VariableType.IMAGE));
        }

        @Test
        void aFoldedBlockAsASequenceItemBelongsToItsSequence() {
            assertThat(onlyUseOfX("metadata:\n  annotations:\n    notes:\n      - >\n        name: $X\n"))
                    .isEqualTo(new PlaceholderUse(5, "metadata.annotations.notes", VariableType.TEXT));
        }

        @Test
        void aContinuationLineOfAPlainScalarBelongsToItsKey() {
            assertThat(onlyUseOfX("metadata:\n  name: run-\n    $X\n")).isEqualTo(new PlaceholderUse(3, "metadata.name", VariableType.DNS_SUBDOMAIN));
            assertThat(onlyUseOfX("spec:\n  args: [--a,\n  $X]\n")).isEqualTo(new PlaceholderUse(3, "args", VariableType.TEXT));
        }

        @Test
        void aDocumentSeparatorStartsAFreshPath() {
            assertThat(onlyUseOfX("metadata:\n---\n- name: $X\n")).isEqualTo(new PlaceholderUse(3, "name", VariableType.TEXT));
            assertThat(onlyUseOfX("metadata:\n...\n- name: $X\n")).isEqualTo(new PlaceholderUse(3, "name", VariableType.TEXT));
        }

        @Test
        void anIndentedSeparatorLikeLineIsNoSeparator() {
            assertThat(onlyUseOfX("metadata:\n  ---\n  name: $X\n")).isEqualTo(new PlaceholderUse(3, "metadata.name", VariableType.DNS_SUBDOMAIN));
        }

        @Test
        void theSameUseTwiceOnALineIsListedOnce() {
            assertThat(usesOfX("args: [$X, $X]\nenv: $X\n")).containsExactly(new PlaceholderUse(1, "args", VariableType.TEXT),
                    new PlaceholderUse(2, "env", VariableType.TEXT));
        }
    }
}
