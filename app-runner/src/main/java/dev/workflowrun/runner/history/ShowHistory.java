package dev.workflowrun.runner.history;

import dev.workflowrun.adapters.s3.RunSummaryStores;
import dev.workflowrun.adapters.s3.S3StoreConfig;
import dev.workflowrun.domain.history.History;
import dev.workflowrun.domain.history.HistoryException;
import dev.workflowrun.domain.history.ReadHistory;
import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.runner.flags.Format;
import dev.workflowrun.runner.flags.StructuredOutput;
import dev.workflowrun.runner.flags.UsageException;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@code history} command's work: read the newest runs of each scenario from a bucket or a directory, print them as
 * text or structured output, and write the page when asked.
 */
public final class ShowHistory {

    /** What to read and how to show it, as the command's options give it. */
    public record Request(String target, Optional<String> scenario, int last, int parallel, Format output, Optional<Path> html,
                          Optional<String> endpoint, Optional<String> region) {
    }

    private ShowHistory() {
    }

    /** Exit 0 when shown, 2 when the store could not be read or the page not written; a usage error is thrown. */
    public static int show(Request request, PrintWriter out, PrintWriter err) throws Exception {
        if (request.last() < 1 || request.last() > 100_000) {
            throw new UsageException("--last " + request.last() + " must be between 1 and 100000");
        }
        if (request.parallel() < 1 || request.parallel() > 256) {
            throw new UsageException("--parallel " + request.parallel() + " must be between 1 and 256");
        }
        History history;
        try (RunSummaryStores.Source source = RunSummaryStores.forTarget(request.target(), s3Config(request.endpoint(), request.region()))) {
            history = new ReadHistory(source.store(), RunJson::parse, request.parallel()).read(source.prefix(), request.scenario(), request.last());
        } catch (HistoryException e) {
            err.println("workflow-run history: " + e.getMessage());
            err.flush();
            return ExitCode.INFRA_FAILED.code();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Format output = request.output();
        if (output.structured()) {
            StructuredOutput.write(output, HistoryView.json(history), out);
        } else {
            HistoryView.text(history, out);
        }
        if (request.html().isPresent()) {
            Path html = request.html().get();
            try {
                Files.writeString(html, HistoryView.html(history, Clock.systemUTC().instant()), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("workflow-run history: cannot write " + html + ": " + e.getMessage());
                err.flush();
                return ExitCode.INFRA_FAILED.code();
            }
            (output.structured() ? err : out).println("wrote " + html.toAbsolutePath());
        }
        out.flush();
        err.flush();
        return 0;
    }

    private static S3StoreConfig s3Config(Optional<String> endpoint, Optional<String> region) {
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
