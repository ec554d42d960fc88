package dev.workflowrun.adapters.git;

import dev.workflowrun.domain.text.RedactedUrl;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A repository as the user gave it, turned into what JGit fetches from and what may be shown.
 *
 * <p>Accepted forms: {@code https://}, {@code http://}, {@code ssh://}, {@code git://},
 * {@code file://}, a local path, scp-like {@code user@host:path}, and the scheme-less
 * {@code github.com/owner/repo}, which means https.
 *
 * <p>Credentials written into the URL are removed from both forms: for http(s) the whole
 * user-info (a token is often given as the user name), for other schemes the password only
 * (an ssh user name such as {@code git} is not a secret). Tokens come from a token file or an
 * environment variable instead, so a credential in a URL is never used, logged or shown.
 *
 * @param fetchUri what JGit connects to
 * @param origin the repository as given, without credential, for messages and provenance
 * @param credentialRemoved whether the given form carried a credential that was dropped
 */
record RepositoryLocation(String fetchUri, String origin, boolean credentialRemoved) {

    private static final Pattern SCHEME_URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)$", Pattern.DOTALL);
    private static final Pattern HOST_PATH = Pattern.compile("^(?:([^/@]+)@)?([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+(?::\\d+)?/[^:]+)$");

    static RepositoryLocation parse(String given) {
        String stripped = given.strip();
        String text = withoutCredentialParameters(stripped);
        RepositoryLocation location = parseWithoutQuery(text);
        return text.equals(stripped) ? location
                : new RepositoryLocation(location.fetchUri(), location.origin(), true);
    }

    private static RepositoryLocation parseWithoutQuery(String text) {
        Matcher url = SCHEME_URL.matcher(text);
        if (url.matches()) {
            String scheme = url.group(1).toLowerCase(Locale.ROOT);
            String authority = url.group(2);
            String rest = url.group(3);
            int at = authority.lastIndexOf('@');
            if (at < 0) {
                return new RepositoryLocation(text, text, false);
            }
            String userInfo = authority.substring(0, at);
            String host = authority.substring(at + 1);
            String kept;
            if (scheme.startsWith("http")) {
                kept = "";
            } else {
                int colon = userInfo.indexOf(':');
                kept = colon < 0 ? userInfo + "@" : userInfo.substring(0, colon) + "@";
            }
            boolean removed = !kept.equals(userInfo + "@");
            String clean = url.group(1) + "://" + kept + host + rest;
            return new RepositoryLocation(clean, clean, removed);
        }
        Matcher hostPath = HOST_PATH.matcher(text);
        if (hostPath.matches() && !isExistingLocalPath(text)) {
            String clean = hostPath.group(2);
            return new RepositoryLocation("https://" + clean, clean, hostPath.group(1) != null);
        }
        Matcher scp = SCP_WITH_PASSWORD.matcher(text);
        if (scp.matches() && !isExistingLocalPath(text)) {
            String clean = scp.group(1) + "@" + scp.group(2);
            return new RepositoryLocation(clean, clean, true);
        }
        // A local path or scp-like user@host:path, both of which JGit understands as given.
        return new RepositoryLocation(text, text, false);
    }

    private static final Pattern SCP_WITH_PASSWORD = Pattern.compile("^([^@/:]+):[^/]*@([A-Za-z0-9.-]{2,}:(?!//).+)$", Pattern.DOTALL);

    /** The address without query parameters that carry a credential ({@code ?private_token=...}); a git server needs none. */
    static String withoutCredentialParameters(String text) {
        int query = text.indexOf('?');
        if (query < 0) {
            return text;
        }
        int fragment = text.indexOf('#', query);
        String params = fragment < 0 ? text.substring(query + 1) : text.substring(query + 1, fragment);
        String tail = fragment < 0 ? "" : text.substring(fragment);
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (String param : params.split("[&;]")) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            if (!param.isEmpty() && !RedactedUrl.isCredentialParameter(name)) {
                kept.add(param);
            }
        }
        String clean = text.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept)) + tail;
        return clean.equals(text) ? text : clean;
    }

    private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/]+@)?[A-Za-z0-9.-]{2,}:(?!//).+$");

    /** ssh://, git+ssh:// or scp-like {@code user@host:path}. */
    boolean isSsh() {
        String lower = fetchUri.toLowerCase(Locale.ROOT);
        if (lower.contains("://")) {
            return lower.startsWith("ssh://") || lower.startsWith("git+ssh://") || lower.startsWith("ssh+git://");
        }
        return SCP_LIKE.matcher(fetchUri).matches() && !isExistingLocalPath(fetchUri);
    }

    boolean isHttp() {
        return fetchUri.regionMatches(true, 0, "http", 0, 4);
    }

    private static boolean isExistingLocalPath(String text) {
        try {
            return Files.exists(Path.of(text));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
