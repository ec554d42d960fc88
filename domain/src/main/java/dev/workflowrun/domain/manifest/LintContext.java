package dev.workflowrun.domain.manifest;

import dev.workflowrun.domain.variables.VariableDeclaration;

import java.util.List;

/**
 * What lint rules see: the manifest as data, the template before and the text after rendering,
 * the declared placeholders, and the namespace and Workflow name the run expects.
 */
public record LintContext(ParsedManifest manifest, String template, String rendered, List<VariableDeclaration> declared,
                          String namespace, String expectedWorkflowName) {
}
