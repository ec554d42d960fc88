package dev.workflowrun.survey.scenario;

import dev.workflowrun.domain.scenario.PlaceholderHeader;
import dev.workflowrun.domain.variables.VariableDeclaration;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The survey and the runner read the placeholder header with the same parser and the same rule. */
class PlaceholderHeaderRuleTest {

    @Test
    void prose_that_mentions_a_placeholder_is_not_a_declaration() {
        String template = """
                # Placeholders:
                #   $NAMESPACE   namespace of the run
                #   ${PGHOST} and ${PGPORT} come from the Task's Secret, not from here.
                #       $NAMESPACE is also the chaos selector's namespace
                #   $RUN_ID
                apiVersion: v1
                """;
        List<VariableDeclaration> declared = PlaceholderHeader.read(template);
        assertThat(declared).extracting(VariableDeclaration::name).containsExactly("NAMESPACE", "RUN_ID");
        assertThat(declared.get(0).description()).startsWith("namespace of the run ${PGHOST} and ${PGPORT}");
    }
}
