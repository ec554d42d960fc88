package dev.workflowrun.runner.commands;

import dev.workflowrun.adapters.k8s.OfflineJudge;
import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.runner.flags.Format;
import dev.workflowrun.runner.flags.StructuredOutput;
import dev.workflowrun.runner.flags.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** The verdict of a saved Workflow, without a cluster: the same function {@code run} uses. */
@Command(name = "judge", header = "Tell how a finished Workflow went, from files, without a cluster.", mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Reads DIR/workflow.yaml, DIR/workflownodes.yaml and DIR/pods.yaml (and events.yaml if present): a published",
                "run bundle, or what you saved with",
                "  kubectl get wf/NAME -o yaml > workflow.yaml",
                "  kubectl get wfn -l chaos-mesh.org/workflow=NAME -o yaml > workflownodes.yaml",
                "  kubectl get pods -l chaos-mesh.org/workflow=NAME -o yaml > pods.yaml",
                "and prints the outcome (PASSED, TASK_FAILED, INFRA_FAILED, TIMED_OUT, INTERRUPTED), the task that decided it and why,",
                "with exactly the rules 'run' applies (ADR 0004). Use it to re-check an old bundle after an upgrade, or to ask why a",
                "run failed. An Argo Workflow (status.phase) needs only workflow.yaml.", ""},
        exitCodeListHeading = "%nExit codes (the outcome's, as for run):%n",
        exitCodeList = {"0:PASSED", "1:TASK_FAILED", "2:INFRA_FAILED", "3:TIMED_OUT", "4:INTERRUPTED",
                "64:a file is missing or unreadable (the message names it and says how to save it)"})
public final class JudgeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The directory holding the saved objects.")
    Path dir;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json|yaml", defaultValue = "text", description = "text, json or yaml. Default: ${DEFAULT-VALUE}.")
    Format output;

    @Override
    public Integer call() {
        OfflineJudge.Judgement judgement;
        try {
            judgement = OfflineJudge.judge(dir);
        } catch (OfflineJudge.UnreadableInput e) {
            throw new UsageException(e.getMessage());
        }
        ExitCode exit = ExitCode.of(judgement.verdict().outcome());
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workflow", judgement.workflow());
            m.put("engine", judgement.engine());
            m.put("outcome", judgement.verdict().outcome().name());
            m.put("exitCode", exit.code());
            m.put("decidingTask", judgement.verdict().decidingTask());
            m.put("reason", judgement.verdict().reason());
            m.put("nodes", judgement.nodes());
            m.put("pods", judgement.pods());
            judgement.note().ifPresent(n -> m.put("note", n));
            StructuredOutput.write(output, m, out);
        } else {
            out.println(judgement.verdict().outcome().name());
            out.println("  workflow: " + judgement.workflow() + " (" + judgement.engine() + ", " + judgement.nodes() + " nodes, "
                    + judgement.pods() + " pods)");
            judgement.verdict().decidingTask().ifPresent(t -> out.println("  deciding task: " + t));
            out.println("  reason: " + judgement.verdict().reason());
            judgement.note().ifPresent(n -> out.println("  note: " + n));
            out.println("  exit code: " + exit.code());
        }
        out.flush();
        return exit.code();
    }
}
