package dev.workflowrun.runner.commands;

import dev.workflowrun.runner.history.HistoryView;
import dev.workflowrun.runner.history.RunJson;
import dev.workflowrun.adapters.s3.RunSummaryStores;
import dev.workflowrun.adapters.s3.S3StoreConfig;
import dev.workflowrun.domain.history.History;
import dev.workflowrun.domain.history.HistoryException;
import dev.workflowrun.domain.history.ReadHistory;
import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.runner.flags.Format;
import dev.workflowrun.runner.flags.StructuredOutput;
import dev.workflowrun.runner.flags.UsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
        if (last < 1 || last > 100_000) {
            throw new UsageException("--last " + last + " must be between 1 and 100000");
        }
        if (parallel < 1 || parallel > 256) {
            throw new UsageException("--parallel " + parallel + " must be between 1 and 256");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        History history;
        try (RunSummaryStores.Source source = RunSummaryStores.forTarget(target, s3Config())) {
            history = new ReadHistory(source.store(), RunJson::parse, parallel).read(source.prefix(), scenario, last);
        } catch (HistoryException e) {
            err.println("workflow-run history: " + e.getMessage());
            err.flush();
            return ExitCode.INFRA_FAILED.code();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (output.structured()) {
            StructuredOutput.write(output, HistoryView.json(history), out);
        } else {
            HistoryView.text(history, out);
        }
        if (html.isPresent()) {
            try {
                Files.writeString(html.get(), HistoryView.html(history, Clock.systemUTC().instant()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("workflow-run history: cannot write " + html.get() + ": " + e.getMessage());
                err.flush();
                return ExitCode.INFRA_FAILED.code();
            }
            (output.structured() ? err : out).println("wrote " + html.get().toAbsolutePath());
        }
        out.flush();
        err.flush();
        return 0;
    }

    private S3StoreConfig s3Config() {
        S3StoreConfig config = S3StoreConfig.forBucket("history-placeholder");
        if (endpoint.isPresent()) {
            try {
                config = config.withEndpoint(new URI(endpoint.get())).withPathStyle(true);
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new UsageException("--s3-endpoint '" + endpoint.get() + "' is not a URL; write it as http(s)://host:port");
            }
        }
        return region.map(config::withRegion).orElse(config);
    }
}
