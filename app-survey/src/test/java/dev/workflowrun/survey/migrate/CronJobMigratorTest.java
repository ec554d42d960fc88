package dev.workflowrun.survey.migrate;

import dev.workflowrun.survey.Fixtures;
import dev.workflowrun.survey.scenario.ScenarioDir;
import dev.workflowrun.survey.scenario.SurveyInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronJobMigratorTest {

    @TempDir
    Path tmp;

    private static JsonNode yaml(String text) {
        return YAMLMapper.builder().build().readTree(text);
    }

    @Test
    void the_typed_cronjob_keeps_schedule_policies_service_account_and_values() {
        Path dir = Fixtures.examples().resolve("load-test");
        JsonNode typed = yaml(CronJobMigrator.migrate(new ScenarioDir("load-test", dir), CronJobMigrator.DEFAULT_IMAGE));
        JsonNode before = yaml(dev.workflowrun.survey.scenario.ScenarioDirs.read(new ScenarioDir("load-test", dir), "cronjob.yaml"));
        assertThat(typed.path("spec").path("schedule")).isEqualTo(before.path("spec").path("schedule"));
        assertThat(typed.path("spec").path("concurrencyPolicy")).isEqualTo(before.path("spec").path("concurrencyPolicy"));
        JsonNode pod = typed.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
        assertThat(pod.path("serviceAccountName").asString()).isEqualTo("seitask-runner");
        assertThat(pod.path("volumes").findValues("configMap")).as("the wrapper's ConfigMap volume is gone").isEmpty();
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isEqualTo(90);
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        JsonNode c = pod.path("containers").path(0);
        List<String> args = new ArrayList<>();
        c.path("args").forEach(a -> args.add(a.asString()));
        assertThat(args).startsWith("run", "--scenario=load-test", "--scenario-repo=github.com/sei-protocol/sei-k8s-controller",
                "--scenario-ref=$(SCENARIO_REF)", "--bucket=harbor-validation-results");
        assertThat(args).contains("--namespace=load-test", "--soft-deadline=60m", "--hard-deadline=80m",
                "--var=SEILOAD_COMMIT_ID=$(SEILOAD_COMMIT_ID)", "--var=DURATION_MINUTES=$(DURATION_MINUTES)");
        assertThat(args).noneMatch(a -> a.contains("SEI_WORKFLOW_RUN_ID") || a.contains("--var=SEI_NAMESPACE"));
        List<String> env = new ArrayList<>();
        c.path("env").forEach(e -> env.add(e.path("name").asString() + "=" + e.path("value").asString()));
        assertThat(env).contains("SEILOAD_COMMIT_ID=3f9c2a1b", "DURATION_MINUTES=20", "SEI_CHAIN_ID=load-test-chain",
                "SEID_IMAGE=ghcr.io/sei-protocol/seid:v6.1.0-3f9c2a1b");
        assertThat(c.path("env").findValues("value")).allMatch(JsonNode::isString);
        assertThat(c.path("env").findValues("fieldPath")).as("the run id comes from the Job's name, so a retried Job adopts its Workflow")
                .extracting(JsonNode::asString).containsExactly("metadata.labels['job-name']");
        assertThat(c.has("command")).isFalse();
        assertThat(args).contains("--signal-grace=75s", "--cleanup-bound=45s");
        assertThat(c.path("resources").path("limits").path("memory").asString()).as("deploy/'s measured limit").isEqualTo("384Mi");
        assertThat(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(typed.path("spec").path("jobTemplate").path("spec").path("podFailurePolicy").path("rules")).isNotEmpty();
    }

    @Test
    void a_scenario_without_a_cronjob_cannot_be_migrated() throws IOException {
        Path dir = Fixtures.write(tmp, "a", Fixtures.workflow("a"), Fixtures.wrapper("a", 30, "120s", ""));
        assertThatThrownBy(() -> CronJobMigrator.migrate(new ScenarioDir("a", dir), "img:1"))
                .isInstanceOf(SurveyInputException.class).hasMessageContaining("cronjob.yaml is missing");
    }
}
