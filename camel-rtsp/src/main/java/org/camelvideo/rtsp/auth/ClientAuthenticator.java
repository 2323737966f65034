package org.camelvideo.rtsp.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Answers a server's challenges with one user and password: Digest when offered (preferred, the
 * password does not travel), else Basic. After the first challenge every request carries an
 * {@code Authorization} computed for its own method and URI.
 */
public final class ClientAuthenticator {

    private final String username;
    private final String password;
    private AuthHeader challenge;
    private int nonceCount;

    public ClientAuthenticator(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /**
     * Takes the challenges of a 401.
     *
     * @return whether retrying can help: a first challenge, or a stale nonce
     */
    public boolean challenged(List<String> wwwAuthenticate) {
        AuthHeader chosen = null;
        for (String value : wwwAuthenticate) {
            AuthHeader h = AuthHeader.parse(value);
            if (h != null && h.scheme().equals("digest")) {
                chosen = h;
                break;
            }
            if (h != null && h.scheme().equals("basic") && chosen == null) {
                chosen = h;
            }
        }
        if (chosen == null || username == null) {
            return false;
        }
        boolean first = challenge == null;
        boolean stale = "true".equalsIgnoreCase(chosen.param("stale"));
        challenge = chosen;
        nonceCount = 0;
        return first || stale;
    }

    /** The Authorization value for a request, or null before any challenge. */
    public String authorization(String method, String uri) {
        if (challenge == null) {
            return null;
        }
        if (challenge.scheme().equals("basic")) {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        }
        String realm = challenge.param("realm");
        String nonce = challenge.param("nonce");
        String qop = challenge.param("qop");
        StringBuilder h = new StringBuilder("Digest username=\"").append(username).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append('"');
        String response;
        if (qop != null && qop.contains("auth")) {
            String nc = String.format("%08x", ++nonceCount);
            String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
            response = Digest.response(username, realm, password, method, uri, nonce, "auth", nc, cnonce);
            h.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        } else {
            response = Digest.response(username, realm, password, method, uri, nonce, null, null, null);
        }
        h.append(", response=\"").append(response).append('"');
        if (challenge.param("opaque") != null) {
            h.append(", opaque=\"").append(challenge.param("opaque")).append('"');
        }
        return h.toString();
    }
}
