package dev.workflowrun.runner.deploy;

import dev.workflowrun.survey.migrate.CronJobMigrator;
import dev.workflowrun.survey.scenario.ScenarioDir;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/ and what {@code survey migrate} writes are valid against the Kubernetes OpenAPI schema. */
class KubernetesSchemaTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Path SCENARIOS = Path.of("..", "examples", "scenarios");

    @Test
    void everyManifestInDeployIsValid() throws IOException {
        List<String> problems = new ArrayList<>();
        Path base = DEPLOY.resolve("base");
        for (String file : List.of("serviceaccount.yaml", "rbac.yaml", "cronjob.yaml")) {
            problems.addAll(KubernetesSchema.problems(base.resolve(file).toString(), Files.readString(base.resolve(file))));
        }
        int overlays = 0;
        try (Stream<Path> dirs = Files.list(DEPLOY.resolve("overlays"))) {
            for (Path overlay : dirs.filter(Files::isDirectory).sorted().toList()) {
                problems.addAll(KubernetesSchema.problems(overlay + " (built)", Kustomization.yaml(Kustomization.build(overlay))));
                overlays++;
            }
        }
        assertThat(overlays).isGreaterThanOrEqualTo(3);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyMigratedCronJobIsValid() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String typed = CronJobMigrator.migrate(new ScenarioDir(dir.getFileName().toString(), dir), CronJobMigrator.DEFAULT_IMAGE);
                problems.addAll(KubernetesSchema.problems(dir.getFileName() + "/" + CronJobMigrator.FILE, typed));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theSchemaRefusesAMissingRequiredFieldAndAnUnknownOne() {
        String cronJob = """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: x}
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      podFailurePolicy:
                        rules:
                          - action: Ignore
                            onPodConditions:
                              - type: DisruptionTarget
                      template:
                        spec:
                          containers:
                            - name: c
                              image: busybox
                """;
        // The schema of current Kubernetes defaults onPodConditions[].status to "True"; deploy/ writes it, as older ones require.
        assertThat(KubernetesSchema.problems("test", cronJob)).isEmpty();
        assertThat(String.join("\n", KubernetesSchema.problems("test", cronJob.replace("- name: c\n", "- \n"))))
                .contains("required field `name`");
        String fixed = cronJob.replace("- type: DisruptionTarget", "- type: DisruptionTarget\n                status: \"True\"");
        assertThat(KubernetesSchema.problems("test", fixed)).isEmpty();
        assertThat(KubernetesSchema.problems("test", fixed.replace("image: busybox", "image: busybox\n              resourcez: {}")))
                .singleElement().asString().contains("resourcez");
    }
}
