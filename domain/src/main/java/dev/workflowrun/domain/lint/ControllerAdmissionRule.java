package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.text.Printable;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Chaos Mesh's admission webhook refuses, or what its controller can never finish, found
 * before apply (files of {@code chaos-mesh/chaos-mesh}):
 * <ul>
 * <li>a Suspend without a deadline ({@code api/v1alpha1/workflow_webhook.go}); a Schedule or chaos
 *     step without one never finishes either, as no reconciler marks it Accomplished
 *     ({@code pkg/workflow/controllers/chaos_node_reconciler.go}, upstream issue #3846);</li>
 * <li>a template name that is not a Kubernetes name: nodes are named {@code <template>-<5 characters>}
 *     and Task pods carry the label {@code chaos-mesh.org/controlled-by=<node name>}, which must be
 *     a valid label value of at most 63 characters, so a template name has at most 57;</li>
 * <li>a Task without a named container: the pod is built from it ({@code pkg/workflow/task}) and
 *     Kubernetes refuses a container without a name.</li>
 * </ul>
 */
public final class ControllerAdmissionRule implements ManifestCheck {

    static final String RULE = "chaos-mesh-admission";
    static final int MAX_TEMPLATE_NAME = 63 - 6;

    private static final Set<String> NOT_CHAOS = Set.of("Task", "Serial", "Parallel", "Suspend", "StatusCheck", "Schedule");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    @Override
    public List<LintFinding> check(LintContext context) {
        List<LintFinding> findings = new ArrayList<>();
        if (context.manifest().workflowSpec().isEmpty()) {
            return findings;
        }
        for (WorkflowTemplate t : context.manifest().workflowSpec().get().templates()) {
            String shown = Printable.of(t.name());
            if (!NAME.matcher(t.name()).matches()) {
                findings.add(LintFinding.error(RULE, "template name '" + shown + "' is not a Kubernetes name: use lower-case letters, "
                        + "digits and '-', starting and ending with a letter or digit (its WorkflowNodes and pods are named after it)"));
            } else if (t.name().length() > MAX_TEMPLATE_NAME) {
                findings.add(LintFinding.error(RULE, "template name '" + shown + "' has " + t.name().length() + " characters; at most "
                        + MAX_TEMPLATE_NAME + " fit, as its Task pods carry the label chaos-mesh.org/controlled-by=<template>-<5 characters> "
                        + "(63 at most): shorten it"));
            }
            boolean endsByDeadlineOnly = t.templateType().equals("Suspend") || t.templateType().equals("Schedule")
                    || !NOT_CHAOS.contains(t.templateType());
            if (endsByDeadlineOnly && t.deadline().isEmpty()) {
                findings.add(LintFinding.error(RULE, t.templateType() + " template '" + shown + "' has no deadline: "
                        + (t.templateType().equals("Suspend") ? "Chaos Mesh's admission webhook refuses it"
                        : "it would never finish, as only its deadline ends it")
                        + "; add e.g. deadline: 10m"));
            }
            if (t.isTask() && t.taskContainerName().isEmpty()) {
                findings.add(LintFinding.error(RULE, "Task template '" + shown + "' has no task.container.name: Kubernetes refuses a "
                        + "container without a name; add name: " + (NAME.matcher(t.name()).matches() ? t.name() : "main")));
            }
        }
        return findings;
    }
}
