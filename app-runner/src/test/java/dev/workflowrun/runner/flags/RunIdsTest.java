package dev.workflowrun.runner.flags;

import dev.workflowrun.domain.variables.RunId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:07Z");

    @Test
    void aCronJobRetryGetsTheSameRunIdFromTheJobName() {
        Map<String, String> first = Map.of(RunIds.JOB_NAME_ENV, "release-test-nightly-29412345", "HOSTNAME", "release-test-nightly-29412345-abcde");
        Map<String, String> retry = Map.of(RunIds.JOB_NAME_ENV, "release-test-nightly-29412345", "HOSTNAME", "release-test-nightly-29412345-xyz12");
        assertThat(RunIds.defaultFor("release-test", first, NOW)).isEqualTo(RunIds.defaultFor("release-test", retry, NOW))
                .isEqualTo(new RunId("release-test-nightly-29412345"));
    }

    @Test
    void inAPodWithoutTheJobNameThePodsRandomSuffixIsDropped() {
        Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "HOSTNAME", "manual-run-7-q8w2e");
        assertThat(RunIds.defaultFor("release-test", env, NOW).value()).isEqualTo("manual-run-7");
    }

    @Test
    void outsideAClusterTheIdIsGeneratedAndValid() {
        RunId id = RunIds.defaultFor("release-test", Map.of(), NOW);
        assertThat(id.value()).startsWith("20261129-030007-");
        assertThat(id.workflowName("release-test")).hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void aLongJobNameIsCutToFitTheWorkflowNameKeepingItsUniqueTail() {
        String job = "a-very-long-cronjob-name-for-the-major-upgrade-scenario-nightly-29412345";
        RunId id = RunIds.defaultFor("major-upgrade", Map.of(RunIds.JOB_NAME_ENV, job), NOW);
        assertThat(id.workflowName("major-upgrade")).hasSizeLessThanOrEqualTo(63);
        assertThat(id.value()).endsWith("29412345");
        assertThat(RunIds.defaultFor("major-upgrade", Map.of(RunIds.JOB_NAME_ENV, job), NOW)).isEqualTo(id);
    }
}
