package dev.workflowrun.runner.verify;

import dev.workflowrun.domain.verify.VerifyDrift;
import dev.workflowrun.domain.verify.VerifyReport;
import dev.workflowrun.domain.variables.Pinning;
import dev.workflowrun.runner.flags.Format;
import dev.workflowrun.runner.flags.UsageException;
import dev.workflowrun.runner.wiring.Environment;
import dev.workflowrun.runner.wiring.RenderComponent;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code verify} command's work: read each manifest, check every workflow-run container in it as its document is read,
 * and keep only the bounded report. A manifest without such a container is named; none in all of them is a usage error,
 * because a CI gate that checked nothing must not pass.
 */
public final class VerifyManifests {

    /** What to check and how to show it, as the command's options give it. */
    public record Request(List<Path> manifests, int rowsShown, boolean offline, Format output, Pinning pinning) {
    }

    private final Environment environment;
    private final Path base;
    private final RenderComponent component;

    public VerifyManifests(Environment environment, Path base, RenderComponent component) {
        this.environment = environment;
        this.base = base;
        this.component = component;
    }

    /** Checks, prints the report and returns the exit code ({@link VerifyExit}). */
    public int verify(Request request, PrintWriter out, PrintWriter err) {
        VerifyDrift verify = new VerifyDrift(component.source(), component.manifests(), component.lintRules(), request.pinning());
        VerifyDrift.Session session = (request.offline() ? verify.offline() : verify).session(request.rowsShown());
        VerifyReport report = verify(session, request.manifests(), err);
        VerifyOutput.write(report, request.offline(), request.output(), out);
        return VerifyExit.of(report);
    }

    VerifyReport verify(VerifyDrift.Session session, List<Path> manifests, PrintWriter err) {
        ContainerChecks containers = new ContainerChecks(environment, base, session);
        for (Path manifest : manifests) {
            String text;
            try {
                text = Files.readString(manifest, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot read " + manifest + ": " + e.getMessage());
            }
            long before = session.invocations();
            try {
                // Each container is checked as its document is read; only the bounded report is kept.
                CronJobInvocations.read(manifest, text, containers::check);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (session.invocations() == before) {
                err.println("verify: " + manifest + " holds no workflow-run container; nothing to check there");
            }
        }
        if (session.invocations() == 0) {
            // A CI gate that checked nothing must not pass.
            throw new UsageException("no workflow-run container in " + (manifests.size() == 1 ? manifests.get(0) : manifests.size() + " manifests")
                    + ", so nothing was verified. A container counts when its command or args run workflow-run, or when its image is"
                    + " workflow-run and it passes --scenario; check that the manifests given are the rendered CronJobs"
                    + " (e.g. the kustomize build output)");
        }
        return session.finish();
    }
}
