package dev.workflowrun.survey.corpus;

import dev.workflowrun.survey.Survey;
import dev.workflowrun.survey.model.ExtraStep;
import dev.workflowrun.survey.model.OpKind;
import dev.workflowrun.survey.model.ScenarioFacts;
import dev.workflowrun.survey.model.SurveyModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrapper sets written independently of the survey (src/test/resources/corpus): each set's decision and the
 * classification of every scenario must match the hand-written {@code expected.txt}.
 */
class CorpusTest {

    static final Path CORPUS = Path.of("src/test/resources/corpus");

    @ParameterizedTest
    @ValueSource(strings = {"storage", "payments", "search", "edge"})
    void each_set_gets_its_expected_decision_and_classifications(String set) throws IOException {
        SurveyModel m = Survey.of(List.of(CORPUS.resolve(set).toString()));
        assertThat(summary(m)).isEqualTo(Files.readString(CORPUS.resolve(set).resolve("expected.txt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"storage", "payments", "search", "edge"})
    void no_credential_value_is_printed_and_no_identity_or_credential_becomes_a_var(String set) {
        SurveyModel m = Survey.of(List.of(CORPUS.resolve(set).toString()));
        for (ScenarioFacts s : m.scenarios()) {
            s.roles().keySet().forEach(v -> assertThat(m.decision().flags()).noneMatch(f -> f.startsWith("--var " + v + "=")));
        }
        String checkpoint = dev.workflowrun.survey.report.MarkdownReport.render(m);
        assertThat(checkpoint).doesNotContain("scenarios-read-token").doesNotContain("hooks.slack.com");
    }

    /** The same compact form as expected.txt. */
    static String summary(SurveyModel m) {
        StringBuilder o = new StringBuilder();
        o.append("decision ").append(m.decision().verdict()).append('\n');
        o.append("confidence ").append(m.decision().confidence().level()).append('\n');
        for (ScenarioFacts s : m.scenarios()) {
            o.append("scenario ").append(s.name()).append('\n');
            o.append("  operations ").append(java.util.Arrays.stream(OpKind.values()).filter(s::performs).map(OpKind::id)
                    .map(id -> id.equals("cleanup") ? "cleanup" : id).collect(Collectors.joining(" "))).append('\n');
            o.append("  namespace ").append(orDash(s.variableFor("--namespace"))).append('\n');
            o.append("  run-id ").append(orDash(s.variableFor("--run-id"))).append('\n');
            String creds = s.roles().entrySet().stream().filter(e -> List.of("--git-token-env", "--git-token-file", "bespoke", "credential")
                    .contains(e.getValue())).map(Map.Entry::getKey).sorted().map(k -> k + "=" + s.roles().get(k)).collect(Collectors.joining(" "));
            o.append("  credentials ").append(orDash(creds)).append('\n');
            o.append("  bespoke ").append(orDash(lines(s, ExtraStep.Kind.BESPOKE))).append('\n');
            o.append("  not-understood ").append(orDash(lines(s, ExtraStep.Kind.NOT_UNDERSTOOD))).append('\n');
        }
        return o.toString();
    }

    private static String lines(ScenarioFacts s, ExtraStep.Kind kind) {
        return s.extras().stream().filter(e -> e.kind() == kind).map(ExtraStep::line).distinct().sorted().map(String::valueOf)
                .collect(Collectors.joining(" "));
    }

    private static String orDash(String s) {
        return s.isEmpty() ? "-" : s;
    }
}
