package dev.workflowrun.runner.verify;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronJobInvocationsTest {

    private static final Path FILE = Path.of("cronjobs.yaml");

    @Test
    void arguments_given_through_a_yaml_alias_are_the_anchored_list_not_the_anchors_name() {
        String yaml = """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: release-test, namespace: nightly}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          initContainers:
                            - name: warm
                              image: busybox
                              args: &runArgs ["--scenario=release-test", "--scenario-ref=main"]
                          containers:
                            - name: runner
                              image: ghcr.io/sei-protocol/workflow-run:0.1.0
                              args: *runArgs
                """;

        List<CronJobInvocations.Found> found = CronJobInvocations.read(FILE, yaml);

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.args()).containsExactly("--scenario=release-test", "--scenario-ref=main");
            assertThat(f.origin()).isEqualTo("cronjobs.yaml#release-test");
            assertThat(f.namespace()).isEqualTo("nightly");
        });
    }

    @Test
    void every_document_of_a_stream_is_read_and_an_alias_bomb_is_refused_naming_its_document() {
        String one = """
                kind: Pod
                metadata: {name: first}
                spec:
                  containers:
                    - {name: runner, image: ghcr.io/sei-protocol/workflow-run:0.1.0, args: ["--scenario=a"]}
                """;
        StringBuilder bomb = new StringBuilder("kind: Pod\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            bomb.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }

        assertThat(CronJobInvocations.read(FILE, "---\n" + one + "---\n" + one.replace("first", "second")))
                .extracting(CronJobInvocations.Found::origin).containsExactly("cronjobs.yaml#first", "cronjobs.yaml#second");
        assertThatThrownBy(() -> CronJobInvocations.read(FILE, one + "---\n" + bomb))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cronjobs.yaml, document 2");
    }
}
