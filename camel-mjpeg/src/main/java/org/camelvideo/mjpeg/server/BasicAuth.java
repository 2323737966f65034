package org.camelvideo.mjpeg.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** HTTP Basic credentials (RFC 7617) a server asks of every request. */
public final class BasicAuth {

    private final String username;
    private final byte[] expected;

    private BasicAuth(String username, String password) {
        this.username = username;
        this.expected = ("Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The credentials, or null when neither is set (no authentication). */
    public static BasicAuth of(String username, String password) {
        if (username == null && password == null) {
            return null;
        }
        if (username == null || password == null) {
            throw new IllegalArgumentException("Basic authentication needs both username and password");
        }
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("A Basic authentication username cannot contain ':'");
        }
        return new BasicAuth(username, password);
    }

    /** Whether an Authorization header carries these credentials; compared in constant time. */
    boolean accepts(String authorization) {
        return authorization != null
                && MessageDigest.isEqual(expected, authorization.trim().getBytes(StandardCharsets.US_ASCII));
    }

    static boolean same(BasicAuth a, BasicAuth b) {
        return a == null ? b == null : b != null && a.username.equals(b.username) && MessageDigest.isEqual(a.expected, b.expected);
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "BasicAuth[" + username + "]";
    }
}
