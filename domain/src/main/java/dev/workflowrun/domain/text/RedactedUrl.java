package dev.workflowrun.domain.text;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL as it may be shown: without user information ({@code user:pass@}) and without the values
 * of query parameters that carry credentials ({@code token}, {@code private_token},
 * {@code access_token}, {@code password}, {@code secret}, {@code sig}, {@code X-Amz-Signature}, ...).
 * Also handles scp-like git addresses ({@code user:pass@host:path}).
 */
public final class RedactedUrl {

    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)?([^/?#\\s]+)@");
    private static final Pattern QUERY_PARAM = Pattern.compile("([?&;])([^=&;#]+)=([^&;#]*)");

    private RedactedUrl() {
    }

    public static String of(String url) {
        if (url == null) {
            return "";
        }
        String out = url;
        Matcher user = USERINFO.matcher(out);
        if (user.find()) {
            out = (user.group(1) == null ? "" : user.group(1)) + "***@" + out.substring(user.end());
        }
        Matcher q = QUERY_PARAM.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (q.find()) {
            boolean secret = isCredentialParameter(q.group(2));
            q.appendReplacement(sb, Matcher.quoteReplacement(q.group(1) + q.group(2) + "=" + (secret ? "***" : q.group(3))));
        }
        q.appendTail(sb);
        return sb.toString();
    }

    /** Whether a query parameter of this name carries a credential ({@code private_token}, {@code sig}, {@code password}, ...). */
    public static boolean isCredentialParameter(String parameter) {
        String name = parameter.toLowerCase(Locale.ROOT);
        return name.contains("token") || name.contains("password") || name.contains("passwd") || name.contains("secret")
                || name.equals("sig") || name.contains("signature") || name.contains("credential") || name.equals("key")
                || name.endsWith("_key") || name.endsWith("-key") || name.equals("auth");
    }

    private static final Pattern SCHEME_USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/?#\\s'\"<>]*)@");
    private static final Pattern SCP_PASSWORD = Pattern.compile("(^|[\\s'\"=(<,])([^\\s'\"=/@:(<,]+):([^\\s'\"/(<,]+)@(?=[A-Za-z0-9.-]+[:/])");
    private static final Pattern SCHEMELESS_USER = Pattern.compile("(^|[\\s'\"=(<,])([^\\s'\"=/@:(<,]+)@(?=[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+(?::\\d+)?/)");
    private static final Pattern TEXT_QUERY_PARAM = Pattern.compile("([?&;])([^=&;#\\s'\"]+)=([^&;#\\s'\"]*)");

    /**
     * Every URL-like part of a longer text (an error message, a report) without its credentials:
     * the user information of {@code scheme://user:pass@host}, the password of scp-like
     * {@code user:pass@host:path}, a token given as the user of scheme-less {@code token@host/path},
     * and the values of credential-like query parameters. Image references ({@code name@sha256:...})
     * and mail addresses are left alone.
     */
    public static String inText(String text) {
        if (text == null || (text.indexOf('@') < 0 && text.indexOf('=') < 0)) {
            return text == null ? "" : text;
        }
        String out = SCHEME_USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@"));
        out = SCP_PASSWORD.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + ":***@"));
        out = SCHEMELESS_USER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@"));
        Matcher q = TEXT_QUERY_PARAM.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (q.find()) {
            q.appendReplacement(sb, Matcher.quoteReplacement(q.group(1) + q.group(2) + "="
                    + (isCredentialParameter(q.group(2)) ? "***" : q.group(3))));
        }
        q.appendTail(sb);
        return sb.toString();
    }

    /** Whether {@code url} carries credentials that {@link #of} would hide. */
    public static boolean hasCredentials(String url) {
        return url != null && !of(url).equals(url);
    }
}
