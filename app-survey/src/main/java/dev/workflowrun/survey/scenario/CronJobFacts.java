package dev.workflowrun.survey.scenario;

import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * What a scenario's {@code cronjob.yaml} sets.
 *
 * @param env  the wrapper container's environment; literal values as written, others as {@code <valueFrom>}
 * @param tree the whole manifest, for migration
 */
public record CronJobFacts(String name, String schedule, String concurrencyPolicy, String backoffLimit, String activeDeadlineSeconds,
                           String serviceAccount, String image, Map<String, String> env, Map<String, Integer> envLines,
                           JsonNode tree) {
}
