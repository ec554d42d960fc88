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

    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)?([^/@\\s]+)@");
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
            String name = q.group(2).toLowerCase(Locale.ROOT);
            boolean secret = name.contains("token") || name.contains("password") || name.contains("passwd") || name.contains("secret")
                    || name.equals("sig") || name.contains("signature") || name.contains("credential") || name.equals("key")
                    || name.endsWith("_key") || name.endsWith("-key") || name.equals("auth");
            q.appendReplacement(sb, Matcher.quoteReplacement(q.group(1) + q.group(2) + "=" + (secret ? "***" : q.group(3))));
        }
        q.appendTail(sb);
        return sb.toString();
    }

    /** Whether {@code url} carries credentials that {@link #of} would hide. */
    public static boolean hasCredentials(String url) {
        return url != null && !of(url).equals(url);
    }
}
