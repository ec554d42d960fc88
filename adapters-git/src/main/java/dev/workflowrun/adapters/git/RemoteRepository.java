package dev.workflowrun.adapters.git;

import dev.workflowrun.domain.scenario.ScenarioFetchException;

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

/** The server side of one fetch: its advertised refs (asked once) and fetches into a local repository. */
final class RemoteRepository {

    /**
     * The user name sent with a token over https. GitHub accepts any name with a personal access
     * token and requires this one for app installation tokens; GitLab and Gitea accept any name.
     */
    static final String TOKEN_USER = "x-access-token";

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
                advertised = Git.lsRemoteRepository()
                        .setRemote(location.fetchUri())
                        .setTimeout(timeoutSeconds)
                        .setCredentialsProvider(credentials.orElse(null))
                        .callAsMap();
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
            fetch.call();
        } catch (JGitInternalException e) {
            throw new org.eclipse.jgit.api.errors.TransportException(e.getMessage(), e);
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
