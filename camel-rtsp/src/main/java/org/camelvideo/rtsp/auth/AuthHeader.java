package org.camelvideo.rtsp.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code WWW-Authenticate} challenge or an {@code Authorization} value: a scheme and its
 * comma-separated {@code name=value} parameters, values quoted or not (RFC 7235 2.1). For Basic
 * credentials the token68 after the scheme is kept as {@link #token()}.
 */
public final class AuthHeader {

    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    private final String scheme;
    private final String token;
    private final Map<String, String> params;

    private AuthHeader(String scheme, String token, Map<String, String> params) {
        this.scheme = scheme;
        this.token = token;
        this.params = params;
    }

    /** @return the parsed header, or null when it has no scheme */
    public static AuthHeader parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        int space = v.indexOf(' ');
        String scheme = (space < 0 ? v : v.substring(0, space)).toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            return null;
        }
        String rest = space < 0 ? "" : v.substring(space + 1).trim();
        Map<String, String> params = new LinkedHashMap<>();
        if (TOKEN68.matcher(rest).matches()) {
            return new AuthHeader(scheme, rest, params);
        }
        int i = 0;
        int n = rest.length();
        while (i < n) {
            int eq = rest.indexOf('=', i);
            int comma = rest.indexOf(',', i);
            if (eq < 0 || comma >= 0 && comma < eq) {
                break;
            }
            String name = rest.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder val = new StringBuilder();
            if (i < n && rest.charAt(i) == '"') {
                i++;
                while (i < n && rest.charAt(i) != '"') {
                    if (rest.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    val.append(rest.charAt(i++));
                }
                i++;
                int next = rest.indexOf(',', i);
                i = next < 0 ? n : next + 1;
            } else {
                int end = rest.indexOf(',', i);
                val.append(rest, i, end < 0 ? n : end);
                i = end < 0 ? n : end + 1;
            }
            params.put(name, val.toString().trim());
            while (i < n && rest.charAt(i) == ' ') {
                i++;
            }
        }
        return new AuthHeader(scheme, null, params);
    }

    /** Lower case, e.g. {@code basic} or {@code digest}. */
    public String scheme() {
        return scheme;
    }

    /** The token68 of a Basic header, or null. */
    public String token() {
        return token;
    }

    /** A parameter by its lower-case name, or null. */
    public String param(String name) {
        return params.get(name);
    }
}
