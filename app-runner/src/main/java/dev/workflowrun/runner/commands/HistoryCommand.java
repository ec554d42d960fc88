package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.flags.Format;
import dev.workflowrun.runner.history.ShowHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** How a scenario went night after night, from the run.json files in the bucket or a directory. */
@Command(name = "history", header = "Show how the last runs went, per scenario, from the bucket or a directory.", mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Lists the run.json files under TARGET page by page, counts each run once by its latest attempt, reads the newest",
                "--last runs of each scenario (only their run.json, several at a time), and prints per scenario: run id, start,",
                "duration, outcome, deciding task and commit; the pass rate; how long the current outcome has held; flaky tasks",
                "(passed and failed at one commit); and whether runs are getting slower.",
                "Examples:",
                "  workflow-run history ./runs",
                "  workflow-run history s3://harbor-validation-results/nightly/ --scenario=release-test --last=30 --html=history.html", ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the history was shown", "2:the store could not be listed or read", "64:usage error"})
public final class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", defaultValue = "./runs", arity = "0..1",
            description = "s3://bucket/prefix/, a bucket name, or a directory with the bucket's layout (the sandbox's ./runs, a fallback"
                    + " directory). Default: ${DEFAULT-VALUE}.")
    String target;

    @Option(names = "--scenario", paramLabel = "<name>", description = "Only this scenario. Default: all.")
    Optional<String> scenario;

    @Option(names = "--last", paramLabel = "<n>", defaultValue = "20", description = "Runs per scenario, newest first. Default: ${DEFAULT-VALUE}.")
    int last;

    @Option(names = {"-o", "--output"}, paramLabel = "text|json|yaml", defaultValue = "text", description = "text, json or yaml. Default: ${DEFAULT-VALUE}.")
    Format output;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a page with the same and a chart of outcomes and durations.")
    Optional<Path> html;

    @Option(names = "--parallel", paramLabel = "<n>", defaultValue = "16", description = "run.json files read at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--s3-endpoint", paramLabel = "<url>", description = "S3-compatible endpoint (path-style addressing). Default: AWS.")
    Optional<String> endpoint;

    @Option(names = "--s3-region", paramLabel = "<region>", description = "Signing region. Default: the SDK's region chain.")
    Optional<String> region;

    @Override
    public Integer call() throws Exception {
        return ShowHistory.show(new ShowHistory.Request(target, scenario, last, parallel, output, html, endpoint, region),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
