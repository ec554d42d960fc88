package dev.workflowrun.runner.deploy;

import dev.workflowrun.survey.cli.SurveyCli;
import dev.workflowrun.survey.migrate.CronJobMigrator;
import dev.workflowrun.survey.migrate.KustomizeOverlay;
import dev.workflowrun.survey.scenario.ScenarioDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code survey migrate --kustomize}: deploy/'s base plus one overlay per scenario that builds exactly its typed CronJob. */
class MigratedOverlaysTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Path SCENARIOS = Path.of("..", "examples", "scenarios");
    private static final List<String> NAMES = List.of("load-test", "major-upgrade", "release-test");

    @TempDir
    Path out;

    private int migrate() {
        StringWriter err = new StringWriter();
        int code = SurveyCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "migrate", SCENARIOS.toString(),
                "--kustomize", out.toString());
        assertThat(err.toString()).isEmpty();
        return code;
    }

    @Test
    void theBaseWrittenIsDeploysBase() throws IOException {
        assertThat(migrate()).isZero();
        for (String file : KustomizeOverlay.BASE_FILES) {
            assertThat(out.resolve("base").resolve(file)).as(file).hasSameTextualContentAs(DEPLOY.resolve("base").resolve(file));
        }
    }

    @Test
    void eachOverlayBuildsItsScenariosTypedCronJobRunByTheBasesAccount() throws IOException {
        assertThat(migrate()).isZero();
        JsonNode baseCron = Kustomization.build(out.resolve("base")).get(3);
        for (String name : NAMES) {
            List<JsonNode> built = Kustomization.build(out.resolve("overlays").resolve(name));
            JsonNode cron = built.get(3);
            ObjectNode typed = (ObjectNode) new YAMLMapper().readTree(
                    CronJobMigrator.migrate(new ScenarioDir(name, SCENARIOS.resolve(name)), CronJobMigrator.DEFAULT_IMAGE));
            ((ObjectNode) typed.path("spec").path("jobTemplate").path("spec").path("template").path("spec"))
                    .put("serviceAccountName", baseCron.path("spec").path("jobTemplate").path("spec").path("template").path("spec")
                            .path("serviceAccountName").asString());
            assertThat(cron).as(name).isEqualTo(typed);
            assertThat(KubernetesSchema.problems(name + " (built)", Kustomization.yaml(built))).isEmpty();
        }
    }

    @Test
    void theOverlaysPatchNeitherSecurityNorResourcesNorFailurePolicyNorGrace() throws IOException {
        assertThat(migrate()).isZero();
        for (String name : NAMES) {
            JsonNode ops = new YAMLMapper().readTree(Files.readString(out.resolve("overlays").resolve(name).resolve(KustomizeOverlay.PATCH)));
            List<String> paths = new ArrayList<>();
            ops.forEach(op -> paths.add(op.path("path").asString()));
            assertThat(paths).as(name).isNotEmpty().noneMatch(p -> p.contains("securityContext") || p.contains("resources")
                    || p.contains("podFailurePolicy") || p.contains("terminationGracePeriodSeconds") || p.contains("serviceAccountName")
                    || p.contains("backoffLimit"));
            assertThat(paths).as(name).contains("/metadata/name", "/spec/jobTemplate/spec/template/spec/containers/0/args");
        }
    }

    @Test
    void outAndKustomizeTogetherAreAUsageError() {
        int code = SurveyCli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "migrate", SCENARIOS.toString(),
                "--kustomize", out.toString(), "--out", out.resolve("typed").toString());
        assertThat(code).isEqualTo(SurveyCli.USAGE);
    }
}
