package dev.workflowrun.runner.commands;

import dev.workflowrun.domain.lint.LintScenario;
import dev.workflowrun.runner.flags.Format;
import dev.workflowrun.runner.flags.PinningFlag;
import dev.workflowrun.runner.verify.LintFiles;
import dev.workflowrun.adapters.git.GitSourceConfig;
import dev.workflowrun.runner.wiring.RenderComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.inject.Inject;
import javax.inject.Provider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Lint scenario files on their own, with typed stand-ins for the values not given: what a scenario repository's CI runs. */
@Command(name = "lint", header = "Check scenario files before they are ever run.", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check scenario files before they are ever run: the placeholder header, the YAML, exactly one Workflow named",
                "<scenario>-$<run-id placeholder> in the run's namespace, entry/children/cycles, the per-run ConfigMap name",
                "(workflow-vars-<workflow name>), declared-but-unused and used-but-undeclared placeholders, children's deadlines",
                "against their parent's, and pinned Task images. 'run' and 'render' apply the same rules before apply.",
                "Values not given with --var are replaced by typed stand-ins. Exit 0 without errors (warnings allowed), 2 otherwise.", ""},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:no error (warnings may be printed)", "2:a lint error", "64:usage error"})
public final class LintCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<scenario.yaml>", arity = "1..*",
            description = "Scenario files. The scenario name is the file name without .yaml, or the folder name for .../<name>/workflow.yaml.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "<name>", description = "Scenario name, when it cannot be told from the file name.")
    Optional<String> scenario;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>", defaultValue = "default", description = "Namespace the run targets. Default: ${DEFAULT-VALUE}.")
    String namespace;

    @Option(names = "--run-id-var", paramLabel = "NAME", defaultValue = "SEI_WORKFLOW_RUN_ID",
            description = "The placeholder the run id fills, when the header does not mark one (run-id). Default: ${DEFAULT-VALUE}.")
    String runIdVar;

    @Option(names = "--namespace-var", paramLabel = "NAME", defaultValue = "SEI_NAMESPACE",
            description = "The placeholder the namespace fills, when the header does not mark one (namespace). Default: ${DEFAULT-VALUE}.")
    String namespaceVar;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "A real value instead of the stand-in. Repeatable.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = {"-o", "--output"}, paramLabel = "text|json|yaml", defaultValue = "text",
            description = "text (file:line: finding), or json/yaml: every finding with its file, line, severity, rule and message."
                    + " Default: ${DEFAULT-VALUE}.")
    Format output;

    @Mixin
    PinningFlag pinning;

    @Inject
    Provider<RenderComponent.Builder> renders;

    @Override
    public Integer call() {
        RenderComponent component = renders.get().git(GitSourceConfig.defaults()).pinning(pinning.pinning()).build();
        return LintFiles.lint(new LintScenario(component.manifests(), component.lintRules()),
                new LintFiles.Request(files, scenario, namespace, vars, runIdVar, namespaceVar, output), spec.commandLine().getOut());
    }
}
