package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.WorkflowVerdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole verdict of every conformance case, reason included, against a golden file: the reason
 * is what a person reads in the summary and {@code run.json} to learn which rule decided and why,
 * so a rule that still picks the right outcome but explains it wrongly fails here.
 * Regenerate with {@code -Dverdicts.update=true} and review the diff.
 */
class VerdictReasonsGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/verdicts/conformance-reasons.txt");

    @Test
    void everyConformanceCaseExplainsItsVerdictAsRecorded() throws IOException {
        StringBuilder actual = new StringBuilder();
        for (ConformanceTableTest.Case c : ConformanceTableTest.cases()) {
            Evidence evidence = c.story().get().evidence();
            OutcomePolicy policy = OfflineJudge.policyFor(evidence.workflow(), Path.of("workflow.yaml"));
            WorkflowVerdict v = policy.verdict(evidence);
            actual.append("## ").append(c.name()).append('\n')
                    .append(policy.name()).append(' ').append(v.outcome()).append(' ').append(v.decidingTask().orElse("-")).append('\n')
                    .append(v.reason()).append("\n\n");
        }
        if (Boolean.getBoolean("verdicts.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual.toString()).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }
}
