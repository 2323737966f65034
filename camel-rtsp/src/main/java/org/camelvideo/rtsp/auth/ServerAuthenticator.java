package org.camelvideo.rtsp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Checks the {@code Authorization} header of requests against one user and password, Basic or
 * Digest. Digest nonces are stateless: a timestamp and a keyed hash of it, so any server thread
 * can verify them, and an old but genuine nonce gets {@code stale=true} (the client then retries
 * without asking its user again).
 */
public final class ServerAuthenticator {

    private static final long NONCE_LIFETIME_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final long nonceLifetimeNanos;
    private final AuthMethod method;
    private final String realm;
    private final String username;
    private final String password;
    private final String secret;

    public ServerAuthenticator(AuthMethod method, String realm, String username, String password) {
        this(method, realm, username, password, NONCE_LIFETIME_NANOS);
    }

    ServerAuthenticator(AuthMethod method, String realm, String username, String password, long nonceLifetimeNanos) {
        this.nonceLifetimeNanos = nonceLifetimeNanos;
        this.method = method;
        this.realm = realm;
        this.username = username;
        this.password = password;
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        this.secret = HexFormat.of().formatHex(key);
    }

    /** The outcome of a check: accepted, or the challenge to send with a 401. */
    public static final class Result {
        private final boolean accepted;
        private final String challenge;

        Result(boolean accepted, String challenge) {
            this.accepted = accepted;
            this.challenge = challenge;
        }

        public boolean accepted() {
            return accepted;
        }

        /** The WWW-Authenticate value for the 401, null when accepted. */
        public String challenge() {
            return challenge;
        }
    }

    public Result check(String requestMethod, String authorization) {
        AuthHeader h = AuthHeader.parse(authorization);
        if (method == AuthMethod.BASIC) {
            boolean ok = h != null && h.scheme().equals("basic") && h.token() != null
                    && constantTimeEquals(decodeBasic(h.token()), username + ":" + password);
            return new Result(ok, ok ? null : "Basic realm=\"" + realm + "\"");
        }
        if (h == null || !h.scheme().equals("digest")) {
            return challenge(false);
        }
        String nonce = h.param("nonce");
        String uri = h.param("uri");
        String given = h.param("response");
        if (nonce == null || uri == null || given == null || !username.equals(h.param("username"))
                || !realm.equals(h.param("realm"))) {
            return challenge(false);
        }
        String expected = Digest.response(username, realm, password, requestMethod, uri, nonce, h.param("qop"), h.param("nc"),
                                          h.param("cnonce"));
        if (!constantTimeEquals(expected, given.toLowerCase(java.util.Locale.ROOT))) {
            return challenge(false);
        }
        int colon = nonce.indexOf(':');
        if (colon < 0 || !constantTimeEquals(sign(nonce.substring(0, colon)), nonce.substring(colon + 1))) {
            return challenge(false);
        }
        long issued;
        try {
            issued = Long.parseLong(nonce.substring(0, colon), 16);
        } catch (NumberFormatException e) {
            return challenge(false);
        }
        if (System.nanoTime() - issued > nonceLifetimeNanos) {
            return challenge(true);
        }
        return new Result(true, null);
    }

    private Result challenge(boolean stale) {
        String time = Long.toHexString(System.nanoTime());
        String nonce = time + ":" + sign(time);
        return new Result(false, "Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=MD5"
                                 + (stale ? ", stale=TRUE" : ""));
    }

    private String sign(String value) {
        return Digest.md5Hex(value + ":" + secret);
    }

    private static String decodeBasic(String token) {
        try {
            return new String(Base64.getDecoder().decode(token.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
