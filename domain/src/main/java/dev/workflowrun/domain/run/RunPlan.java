package dev.workflowrun.domain.run;

import dev.workflowrun.domain.cluster.RunLabels;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.domain.deadline.Deadlines;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestObject;

import java.util.List;
import java.util.Map;

/** What will be applied: the objects, the Workflow the run owns, its labels and its deadlines. */
public record RunPlan(WorkflowHandle workflow, List<ManifestObject> objects, Deadlines deadlines, List<LintFinding> warnings) {

    public RunPlan {
        objects = List.copyOf(objects);
        warnings = List.copyOf(warnings);
    }

    public Map<String, String> labels() {
        return RunLabels.of(workflow);
    }
}
