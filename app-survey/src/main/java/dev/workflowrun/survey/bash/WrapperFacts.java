package dev.workflowrun.survey.bash;

import dev.workflowrun.survey.model.ExtraStep;
import dev.workflowrun.survey.model.KnobValue;
import dev.workflowrun.survey.model.Operation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the recognisers found in one wrapper.
 *
 * @param allowList the names in the envsubst SHELL-FORMAT argument, sorted
 * @param exported  the variables the wrapper exports (what envsubst can see)
 * @param inputs    the variables the wrapper reads from its environment ({@code ${X:?}}, {@code ${X:-default}})
 */
public record WrapperFacts(List<Operation> operations, List<String> sequence, Map<String, KnobValue> knobs, List<ExtraStep> extras,
                           Set<String> allowList, Set<String> exported, Map<String, Integer> inputs, BashScript script) {
}
