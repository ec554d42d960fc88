package dev.workflowrun.survey.classify;

import dev.workflowrun.survey.Fixtures;
import dev.workflowrun.survey.model.KnobValue;
import dev.workflowrun.survey.model.ScenarioFacts;
import dev.workflowrun.survey.scenario.ScenarioReader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioSurveyorTest {

    @Nested
    class ThePlaceholderAFieldIsMadeOf {

        @Test
        void isTheDeclaredOneItMentions() {
            assertThat(ScenarioSurveyor.placeholderIn("volume-latency-$RUN_TAG", Set.of("RUN_TAG"), "SEI_WORKFLOW_RUN_ID")).isEqualTo("RUN_TAG");
            assertThat(ScenarioSurveyor.placeholderIn("${PREFIX}-${RUN_TAG}", Set.of("RUN_TAG"), "SEI_WORKFLOW_RUN_ID")).isEqualTo("RUN_TAG");
        }

        @Test
        void isElseTheFirstItMentions() {
            assertThat(ScenarioSurveyor.placeholderIn("$PREFIX-$RUN_TAG", Set.of("OTHER"), "SEI_WORKFLOW_RUN_ID")).isEqualTo("PREFIX");
        }

        @Test
        void isTheDeclaredFallbackOnlyWhenItMentionsNone() {
            assertThat(ScenarioSurveyor.placeholderIn("fixed-name", Set.of("SEI_NAMESPACE"), "SEI_NAMESPACE")).isEqualTo("SEI_NAMESPACE");
            assertThat(ScenarioSurveyor.placeholderIn("fixed-name", Set.of("OTHER"), "SEI_NAMESPACE")).isEmpty();
        }
    }

    @Nested
    class TaskDeadlines {

        private String workflowWithChildDeadlines() {
            return Fixtures.workflow("s").replace("children: [only-task]", "children: [only-task, slow, vague, missing, instant]")
                    + """
                        - name: slow
                          templateType: Task
                          deadline: 30m
                        - name: vague
                          templateType: Task
                          deadline: soon
                        - name: instant
                          templateType: Task
                          deadline: 0s
                    """;
        }

        @Test
        void areShownAsTheirRangeOverTheReadableOnesCountingEveryChild() {
            ScenarioFacts facts = Fixtures.facts("s", workflowWithChildDeadlines(), Fixtures.wrapper("s", 30, "120s", ""));

            assertThat(facts.knobs().get("workflow.task-deadlines").value()).isEqualTo("0m..30m (5 tasks)");
        }

        @Test
        void areNoneWhenNoneCanBeRead() {
            ScenarioFacts facts = Fixtures.facts("s", Fixtures.workflow("s").replace("deadline: 5m", "deadline: soon"),
                    Fixtures.wrapper("s", 30, "120s", ""));

            assertThat(facts.knobs().get("workflow.task-deadlines").value()).isEqualTo("none");
        }
    }

    @Nested
    class VariablesOfTheCronJob {

        private ScenarioFacts surveyed(String extraWrapperLines) {
            return ScenarioSurveyor.survey("s", ScenarioReader.workflow("s", Fixtures.workflow("s")),
                    Fixtures.wrapper("s", 30, "120s", extraWrapperLines), Optional.of(CronJobs.withEnv("""
                            - name: SLACK_WEBHOOK
                              value: https://hooks.example/T0/B0/secret
                            - name: DEBUG
                              value: "1"
                            - name: AWS_REGION
                              value: eu-west-1
                            - name: LEFTOVER
                              value: x
                            """)));
        }

        @Test
        void aCredentialsValueIsNeverShown() {
            ScenarioFacts facts = surveyed("printf '%s' \"$SLACK_WEBHOOK\" | sha256sum");

            assertThat(facts.knobs().get("var.SLACK_WEBHOOK").value()).isEqualTo("<secret>");
        }

        @Test
        void aValueTheWrapperReadsIsNoYagniAndOneNobodyReadsIs() {
            ScenarioFacts facts = surveyed("if [ \"${DEBUG:-0}\" = 1 ]; then set -x; fi");

            KnobValue debug = facts.knobs().get("var.DEBUG");
            assertThat(debug.value()).isEqualTo("1");
            assertThat(debug.yagni()).isEmpty();
            assertThat(facts.knobs().get("var.LEFTOVER").yagni()).isEqualTo("set by the CronJob but neither the wrapper nor the scenario uses it");
            assertThat(facts.knobs()).doesNotContainKey("var.AWS_REGION");
        }

        @Test
        void aWrapperInputNoCronJobSetsNamesItsDefaultWhenItIsAPlainValue() {
            ScenarioFacts facts = surveyed("LEVEL=\"${LEVEL:-info}\"\nOUT=\"${OUT:-$HOME/out}\"\necho \"$LEVEL $OUT\"");

            assertThat(facts.knobs().get("var.LEVEL").yagni()).isEqualTo("a wrapper input no CronJob sets (always its default info)");
            assertThat(facts.knobs().get("var.OUT").yagni()).isEqualTo("a wrapper input no CronJob sets (always its default)");
        }
    }
}
