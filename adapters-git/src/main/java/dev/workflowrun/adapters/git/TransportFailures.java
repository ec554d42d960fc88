package dev.workflowrun.adapters.git;

import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.scenario.ScenarioFetchException.Reason;
import dev.workflowrun.domain.text.RedactedUrl;

import org.eclipse.jgit.errors.NoRemoteRepositoryException;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns what JGit throws while talking to a server into the port's distinct, actionable errors.
 * JGit reports most transport problems as one exception type with a message, so the
 * classification reads both the cause chain and JGit's (stable, English) message texts.
 */
final class TransportFailures {

    private final RepositoryLocation location;
    private final Duration timeout;
    private final Optional<String> token;

    TransportFailures(RepositoryLocation location, Duration timeout, Optional<String> token) {
        this.location = location;
        this.timeout = timeout;
        this.token = token;
    }

    /** A failure of connecting or authenticating, or empty when the server answered and refused something else. */
    Optional<ScenarioFetchException> connectionFailure(Throwable failure) {
        String text = redact(chainText(failure));
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("not permitted")
                || lower.contains("auth fail") || lower.contains(" 401") || lower.contains(" 403")) {
            return Optional.of(authentication(text, failure));
        }
        if (has(failure, NoRemoteRepositoryException.class) || lower.contains("invalid remote")
                || lower.contains("not found") || lower.contains("not exported") || lower.contains("not appear to be a git repository")) {
            return Optional.of(new ScenarioFetchException(Reason.UNREACHABLE, "no git repository found at " + location.origin()
                    + " (" + text + "); check the repository URL or path, and for a private repository supply a token",
                    failure));
        }
        if (has(failure, ConnectException.class) || has(failure, UnknownHostException.class)
                || has(failure, NoRouteToHostException.class) || has(failure, SocketTimeoutException.class)
                || has(failure, InterruptedIOException.class) || lower.contains("connection refused")
                || lower.contains("timed out") || lower.contains("timeout") || lower.contains("cannot open")
                || lower.contains("connection reset") || lower.contains("unknown host") || lower.contains("remote hung up")
                || lower.contains("connection failed") || lower.contains("no route")) {
            return Optional.of(unreachable(text, failure));
        }
        return Optional.empty();
    }

    /** Any failure of a network operation: connection/authentication when recognised, otherwise unreachable. */
    ScenarioFetchException classify(Throwable failure) {
        return connectionFailure(failure).orElseGet(() -> unreachable(redact(chainText(failure)), failure));
    }

    ScenarioFetchException unreachable(String detail, Throwable failure) {
        return new ScenarioFetchException(Reason.UNREACHABLE, "cannot fetch from git repository " + location.origin()
                + ": " + detail + ". Check the URL, the network path to the server and that it is up (timeout "
                + timeout.toSeconds() + " s)", failure);
    }

    private ScenarioFetchException authentication(String detail, Throwable failure) {
        String hint = token.isPresent()
                ? "the configured token was refused; check that it is valid, not expired, and may read this repository"
                : "no token is configured; supply one through a token file or a token environment variable";
        if (location.credentialRemoved()) {
            hint += " (credentials written into the repository URL are never used)";
        }
        return new ScenarioFetchException(Reason.AUTHENTICATION, "git repository " + location.origin()
                + " requires authentication: " + detail + "; " + hint, failure);
    }

    /** Removes the token from a text that may have echoed it, as a second line of defence. */
    String redact(String text) {
        String result = RedactedUrl.inText(text);
        if (token.isPresent() && !token.get().isEmpty()) {
            result = result.replace(token.get(), "****");
        }
        return result;
    }

    private static String chainText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && !message.isBlank() && text.indexOf(message) < 0) {
                if (text.length() > 0) {
                    text.append(": ");
                }
                text.append(message.strip());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return text.length() == 0 ? failure.getClass().getSimpleName() : text.toString();
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
