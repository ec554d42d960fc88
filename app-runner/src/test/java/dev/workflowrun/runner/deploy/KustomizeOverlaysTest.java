package dev.workflowrun.runner.deploy;

import dev.workflowrun.domain.variables.GoDuration;
import io.fabric8.zjsonpatch.JsonPatchException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** deploy/ is a kustomize base and one overlay per scenario; an overlay changes only what is its scenario's own. */
class KustomizeOverlaysTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    private static List<Path> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(DEPLOY.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static JsonNode cronJob(List<JsonNode> objects) {
        List<JsonNode> found = objects.stream().filter(o -> o.path("kind").asString().equals("CronJob")).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void everyOverlayBuildsTheBaseObjectsWithItsOwnNamedCronJob() throws IOException {
        List<JsonNode> base = Kustomization.build(DEPLOY.resolve("base"));
        assertThat(base).extracting(o -> o.path("kind").asString())
                .containsExactly("ServiceAccount", "Role", "RoleBinding", "CronJob");
        assertThat(overlays()).extracting(p -> p.getFileName().toString()).contains("release-test", "load-test", "major-upgrade");
        for (Path overlay : overlays()) {
            String scenario = overlay.getFileName().toString();
            List<JsonNode> built = Kustomization.build(overlay);
            assertThat(built).as(scenario).hasSize(base.size());
            for (int i = 0; i < base.size() - 1; i++) {
                assertThat(built.get(i)).as(scenario + ": the overlay leaves the identity and the Role as they are").isEqualTo(base.get(i));
            }
            JsonNode cron = cronJob(built);
            assertThat(cron.path("metadata").path("name").asString()).isEqualTo(scenario + "-nightly");
            assertThat(cron.path("metadata").path("labels").path("workflow-run.dev/scenario").asString()).isEqualTo(scenario);
            JsonNode pod = cron.path("spec").path("jobTemplate").path("spec").path("template");
            assertThat(pod.path("metadata").path("labels").path("workflow-run.dev/scenario").asString()).isEqualTo(scenario);
            List<String> args = new ArrayList<>();
            pod.path("spec").path("containers").get(0).path("args").forEach(a -> args.add(a.asString()));
            assertThat(args).contains("--scenario=" + scenario);
            assertThat(args.stream().filter(a -> a.startsWith("--hard-deadline="))).as(scenario + ": one hard deadline").hasSize(1);
            assertThat(pod.path("spec").path("volumes").get(1).path("secret").path("secretName").asString()).isEqualTo(scenario + "-vars");
        }
    }

    @Test
    void everyOverlayKeepsTheBasesSecurityResourcesFailurePolicyAndGrace() throws IOException {
        JsonNode base = cronJob(Kustomization.build(DEPLOY.resolve("base")));
        for (Path overlay : overlays()) {
            JsonNode cron = cronJob(Kustomization.build(overlay));
            JsonNode job = cron.path("spec").path("jobTemplate").path("spec");
            JsonNode baseJob = base.path("spec").path("jobTemplate").path("spec");
            assertThat(job.path("podFailurePolicy")).isEqualTo(baseJob.path("podFailurePolicy"));
            assertThat(job.path("backoffLimit")).isEqualTo(baseJob.path("backoffLimit"));
            JsonNode pod = job.path("template").path("spec");
            JsonNode basePod = baseJob.path("template").path("spec");
            for (String field : List.of("securityContext", "terminationGracePeriodSeconds", "serviceAccountName", "restartPolicy")) {
                assertThat(pod.path(field)).as(overlay + " " + field).isEqualTo(basePod.path(field));
            }
            JsonNode container = pod.path("containers").get(0);
            JsonNode baseContainer = basePod.path("containers").get(0);
            for (String field : List.of("image", "resources", "securityContext", "env", "volumeMounts")) {
                assertThat(container.path(field)).as(overlay + " " + field).isEqualTo(baseContainer.path(field));
            }
        }
    }

    @Test
    void everyOverlaysDeadlinesStillNest() throws IOException {
        for (Path overlay : overlays()) {
            JsonNode job = cronJob(Kustomization.build(overlay)).path("spec").path("jobTemplate").path("spec");
            Duration active = Duration.ofSeconds(job.path("activeDeadlineSeconds").asLong());
            Duration hard = Duration.ZERO;
            Duration soft = Duration.ZERO;
            Duration grace = Duration.ZERO;
            for (JsonNode a : job.path("template").path("spec").path("containers").get(0).path("args")) {
                String arg = a.asString();
                if (arg.startsWith("--hard-deadline=")) {
                    hard = GoDuration.parse(arg.substring("--hard-deadline=".length()));
                } else if (arg.startsWith("--soft-deadline=")) {
                    soft = GoDuration.parse(arg.substring("--soft-deadline=".length()));
                } else if (arg.startsWith("--signal-grace=")) {
                    grace = GoDuration.parse(arg.substring("--signal-grace=".length()));
                }
            }
            assertThat(soft).as(overlay.toString()).isPositive().isLessThanOrEqualTo(hard);
            assertThat(active).as(overlay + ": hard deadline, a full grace, then fetch and publication").isGreaterThanOrEqualTo(hard.plus(grace).plusMinutes(5));
        }
    }

    @Test
    void aPatchWhoseTestNoLongerHoldsFailsTheBuildInsteadOfPatchingAnotherField() throws IOException {
        Path dir = Files.createTempDirectory("overlay");
        Path base = DEPLOY.resolve("base").toAbsolutePath().normalize();
        Files.writeString(dir.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + "resources: [" + base + "]\npatches:\n  - path: p.yaml\n    target: {kind: CronJob, name: workflow-run}\n");
        Files.writeString(dir.resolve("p.yaml"), "- {op: test, path: /spec/jobTemplate/spec/template/spec/containers/0/args/3, value: --hard-deadline=1m}\n"
                + "- {op: replace, path: /spec/jobTemplate/spec/template/spec/containers/0/args/3, value: --hard-deadline=2m}\n");
        assertThatThrownBy(() -> Kustomization.build(dir)).isInstanceOf(JsonPatchException.class);
        Files.writeString(dir.resolve("kustomization.yaml"), Files.readString(dir.resolve("kustomization.yaml")) + "namePrefix: x-\n");
        assertThatThrownBy(() -> Kustomization.build(dir)).hasMessageContaining("namePrefix");
    }
}
