package dev.workflowrun.domain.scenario;

import dev.workflowrun.domain.text.Printable;
import dev.workflowrun.domain.text.RedactedUrl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credential written into a repository address, found and described without its value.
 *
 * <p>What counts: any user information of an {@code https://}, {@code http://}, {@code git://} or
 * {@code file://} URL and of the scheme-less {@code token@github.com/owner/repo} (servers take a
 * lone user name as a token); a password in {@code ssh://user:pass@host/...} or scp-like
 * {@code user:pass@host:path}; a credential-like query parameter ({@code ?private_token=}). A plain
 * ssh user such as {@code git@github.com:owner/repo} is a name, not a secret.
 */
public final class RepositoryCredentials {

    private static final Pattern SCHEME_URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)$", Pattern.DOTALL);
    private static final Pattern SCHEMELESS = Pattern.compile("^([^/?#\\s]+)@([^/:?#\\s]+)([:/].*)?$", Pattern.DOTALL);
    private static final Pattern QUERY_PARAM = Pattern.compile("[?&;]([^=&;#]+)=([^&;#]*)");

    private RepositoryCredentials() {
    }

    /** What kind of credential the address carries, e.g. "a user name and password"; empty when none. */
    public static Optional<String> find(String repository) {
        if (repository == null) {
            return Optional.empty();
        }
        String text = repository.strip();
        List<String> found = new ArrayList<>();
        Matcher url = SCHEME_URL.matcher(text);
        if (url.matches()) {
            String authority = url.group(2);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                if (userInfo.contains(":")) {
                    found.add("a user name and password");
                } else if (!isSsh(url.group(1))) {
                    found.add("a user name, which a git server takes as a token");
                }
            }
        } else {
            Matcher schemeLess = SCHEMELESS.matcher(text);
            if (schemeLess.matches()) {
                String userInfo = schemeLess.group(1);
                boolean scpLike = schemeLess.group(3) != null && schemeLess.group(3).startsWith(":");
                if (userInfo.contains(":")) {
                    found.add("a user name and password");
                } else if (!scpLike && schemeLess.group(2).contains(".")) {
                    found.add("a user name, which a git server takes as a token");
                }
            }
        }
        int query = text.indexOf('?');
        if (query >= 0) {
            Matcher q = QUERY_PARAM.matcher(text.substring(query));
            while (q.find()) {
                if (RedactedUrl.isCredentialParameter(q.group(1))) {
                    found.add("the query parameter " + Printable.of(q.group(1)));
                }
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", found));
    }

    /** The address as it may be shown: user information replaced by {@code ***}, credential query values by {@code ***}. */
    public static String redacted(String repository) {
        if (repository == null) {
            return "";
        }
        String text = repository.strip();
        Matcher url = SCHEME_URL.matcher(text);
        String out = text;
        if (url.matches()) {
            int at = url.group(2).lastIndexOf('@');
            if (at >= 0) {
                String userInfo = url.group(2).substring(0, at);
                String kept = isSsh(url.group(1)) && !userInfo.contains(":") ? userInfo : "***";
                out = url.group(1) + "://" + kept + "@" + url.group(2).substring(at + 1) + url.group(3);
            }
        } else {
            Matcher schemeLess = SCHEMELESS.matcher(text);
            if (schemeLess.matches()) {
                String userInfo = schemeLess.group(1);
                boolean scpLike = schemeLess.group(3) != null && schemeLess.group(3).startsWith(":");
                String kept = scpLike && !userInfo.contains(":") ? userInfo : "***";
                out = kept + "@" + schemeLess.group(2) + (schemeLess.group(3) == null ? "" : schemeLess.group(3));
            }
        }
        int query = out.indexOf('?');
        if (query >= 0) {
            Matcher q = QUERY_PARAM.matcher(out.substring(query));
            StringBuilder sb = new StringBuilder(out.substring(0, query));
            int last = 0;
            String tail = out.substring(query);
            while (q.find()) {
                sb.append(tail, last, q.start(2)).append(RedactedUrl.isCredentialParameter(q.group(1)) ? "***" : q.group(2));
                last = q.end(2);
            }
            sb.append(tail.substring(last));
            out = sb.toString();
        }
        return Printable.of(out);
    }

    private static boolean isSsh(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return s.equals("ssh") || s.equals("git+ssh") || s.equals("ssh+git");
    }
}
