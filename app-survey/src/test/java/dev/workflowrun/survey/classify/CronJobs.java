package dev.workflowrun.survey.classify;

import dev.workflowrun.survey.scenario.CronJobFacts;
import dev.workflowrun.survey.scenario.ScenarioReader;

/** A scenario's CronJob whose wrapper container has the given env entries (YAML list items, unindented). */
final class CronJobs {

    private CronJobs() {
    }

    static CronJobFacts withEnv(String env) {
        return ScenarioReader.cronjob("s", """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: s
                spec:
                  schedule: "0 2 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                            - name: wrapper
                              image: registry.example/wrapper:1
                              env:
                %s
                """.formatted(env.indent(16).stripTrailing()));
    }
}
