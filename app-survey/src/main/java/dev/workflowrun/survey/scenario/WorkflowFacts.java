package dev.workflowrun.survey.scenario;

import dev.workflowrun.domain.variables.VariableDeclaration;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What a scenario's {@code workflow.yaml} declares and uses. Lines are 1-based, 0 when unknown. */
public record WorkflowFacts(String name, String namespace, String entry, String entryDeadline, List<String> children,
                            Map<String, String> taskDeadlines, Set<String> images, Set<String> configMapRefs,
                            List<VariableDeclaration> declared, Set<String> used, Map<String, Integer> declaredLines,
                            int entryDeadlineLine) {
}
