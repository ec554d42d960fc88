package dev.workflowrun.adapters.git;

import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.scenario.ScenarioFetchException.Reason;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The server side of one fetch: its advertised refs (asked once) and fetches into a local repository. */
final class RemoteRepository {

    /**
     * The user name sent with a token over https. GitHub accepts any name with a personal access
     * token and requires this one for app installation tokens; GitLab and Gitea accept any name.
     */
    static final String TOKEN_USER = "x-access-token";

    static final int OVERALL_TIMEOUT_FACTOR = 3;

    private final RepositoryLocation location;
    private final int timeoutSeconds;
    private final Optional<CredentialsProvider> credentials;
    private final TransportFailures failures;
    private Map<String, Ref> advertised;

    RemoteRepository(RepositoryLocation location, Duration timeout, Optional<String> token) {
        this.location = location;
        this.timeoutSeconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
        this.credentials = token.map(t -> new UsernamePasswordCredentialsProvider(TOKEN_USER, t));
        this.failures = new TransportFailures(location, timeout, token);
    }

    RepositoryLocation location() {
        return location;
    }

    TransportFailures failures() {
        return failures;
    }

    /** Refs the server advertises, by full name; also the check that it is reachable and lets us in. */
    Map<String, Ref> advertised() {
        if (advertised == null) {
            try {
                advertised = bounded("listing the refs", () -> Git.lsRemoteRepository()
                        .setRemote(location.fetchUri())
                        .setTimeout(timeoutSeconds)
                        .setCredentialsProvider(credentials.orElse(null))
                        .callAsMap());
            } catch (GitAPIException | JGitInternalException e) {
                throw failures.classify(e);
            }
        }
        return advertised;
    }

    /** Fetches the given refspecs; depth 1 when {@code shallow}. Tags only when a refspec names them. */
    void fetch(Repository into, List<RefSpec> specs, boolean shallow) throws GitAPIException {
        var fetch = Git.wrap(into).fetch()
                .setRemote(location.fetchUri())
                .setRefSpecs(specs)
                .setTagOpt(TagOpt.NO_TAGS)
                .setTimeout(timeoutSeconds)
                .setCredentialsProvider(credentials.orElse(null));
        if (shallow) {
            fetch.setDepth(1);
        }
        try {
            bounded("fetching", fetch::call);
        } catch (JGitInternalException e) {
            throw new org.eclipse.jgit.api.errors.TransportException(e.getMessage(), e);
        }
    }

    /**
     * Runs one network operation with an overall deadline of {@value #OVERALL_TIMEOUT_FACTOR}
     * times the timeout. JGit's own timeout bounds each read, but over {@code git://} it relies on
     * interrupting the reading thread, which does not unblock a socket read on Java 17: a server
     * that accepts and then says nothing would hang the run for good. On expiry the worker thread
     * is abandoned (it is a daemon thread and ends when the server closes the connection).
     */
    private <T> T bounded(String what, Callable<T> operation) throws GitAPIException {
        FutureTask<T> task = new FutureTask<>(operation);
        Thread worker = new Thread(task, "git-" + what.replace(' ', '-'));
        worker.setDaemon(true);
        worker.start();
        long overallSeconds = (long) timeoutSeconds * OVERALL_TIMEOUT_FACTOR;
        try {
            return task.get(overallSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new ScenarioFetchException(Reason.UNREACHABLE, "git repository " + location.origin() + " did not finish "
                    + what + " within " + overallSeconds + " s (timeout " + timeoutSeconds
                    + " s per read); check that the server is up and answering, or raise the git timeout for a slow link");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new ScenarioFetchException(Reason.UNREACHABLE, "interrupted while " + what + " from git repository "
                    + location.origin());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GitAPIException gitFailure) {
                throw gitFailure;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new org.eclipse.jgit.api.errors.TransportException(String.valueOf(cause.getMessage()), cause);
        }
    }

    /** Like {@link #fetch}, for fetches whose failure can only mean the server or the network failed. */
    void fetchOrFail(Repository into, List<RefSpec> specs, boolean shallow) {
        try {
            fetch(into, specs, shallow);
        } catch (GitAPIException e) {
            throw failures.classify(e);
        }
    }

    /** A connection or authentication failure, or empty when the server answered but refused the request. */
    Optional<ScenarioFetchException> connectionFailure(Throwable failure) {
        return failures.connectionFailure(failure);
    }
}
