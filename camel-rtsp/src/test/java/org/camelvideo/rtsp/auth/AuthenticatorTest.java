package org.camelvideo.rtsp.auth;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Basic and Digest between our server's check and our client's answers, stale nonces included. */
class AuthenticatorTest {

    @Test
    void digestRoundTrip() {
        ServerAuthenticator server = new ServerAuthenticator(AuthMethod.DIGEST, "cams", "admin", "s3cret");
        ServerAuthenticator.Result first = server.check("DESCRIBE", null);
        assertThat(first.accepted()).isFalse();
        assertThat(first.challenge()).startsWith("Digest realm=\"cams\", nonce=\"").doesNotContain("stale");
        ClientAuthenticator client = new ClientAuthenticator("admin", "s3cret");
        assertThat(client.challenged(List.of(first.challenge()))).isTrue();
        String uri = "rtsp://127.0.0.1:8554/live";
        assertThat(server.check("DESCRIBE", client.authorization("DESCRIBE", uri)).accepted()).isTrue();
        assertThat(server.check("SETUP", client.authorization("SETUP", uri + "/trackID=0")).accepted()).isTrue();
        assertThat(server.check("PLAY", client.authorization("DESCRIBE", uri)).accepted()).as("method is hashed").isFalse();
    }

    @Test
    void wrongPasswordIsRefusedAndRetryingDoesNotHelp() {
        ServerAuthenticator server = new ServerAuthenticator(AuthMethod.DIGEST, "cams", "admin", "s3cret");
        ClientAuthenticator client = new ClientAuthenticator("admin", "wrong");
        assertThat(client.challenged(List.of(server.check("DESCRIBE", null).challenge()))).isTrue();
        ServerAuthenticator.Result again = server.check("DESCRIBE", client.authorization("DESCRIBE", "rtsp://h/x"));
        assertThat(again.accepted()).isFalse();
        assertThat(client.challenged(List.of(again.challenge()))).as("no second try without stale").isFalse();
    }

    @Test
    void staleNonceIsFlaggedAndTheClientRetries() throws InterruptedException {
        ServerAuthenticator server = new ServerAuthenticator(AuthMethod.DIGEST, "cams", "admin", "s3cret", 1_000_000);
        ClientAuthenticator client = new ClientAuthenticator("admin", "s3cret");
        client.challenged(List.of(server.check("PLAY", null).challenge()));
        Thread.sleep(5);
        ServerAuthenticator.Result stale = server.check("PLAY", client.authorization("PLAY", "rtsp://h/x"));
        assertThat(stale.accepted()).isFalse();
        assertThat(stale.challenge()).contains("stale=TRUE");
        assertThat(client.challenged(List.of(stale.challenge()))).as("retry with the fresh nonce").isTrue();
    }

    @Test
    void forgedNonceIsRefused() {
        ServerAuthenticator server = new ServerAuthenticator(AuthMethod.DIGEST, "cams", "admin", "s3cret");
        String nonce = "1234:" + Digest.md5Hex("1234:guess");
        String response = Digest.response("admin", "cams", "s3cret", "PLAY", "rtsp://h/x", nonce, null, null, null);
        String header = "Digest username=\"admin\", realm=\"cams\", nonce=\"" + nonce + "\", uri=\"rtsp://h/x\", response=\""
                        + response + "\"";
        assertThat(server.check("PLAY", header).accepted()).isFalse();
    }

    @Test
    void digestWithQopAuth() {
        ClientAuthenticator client = new ClientAuthenticator("u", "p");
        client.challenged(List.of("Digest realm=\"r\", nonce=\"abc\", qop=\"auth\", opaque=\"xyz\""));
        AuthHeader h = AuthHeader.parse(client.authorization("DESCRIBE", "rtsp://h/x"));
        assertThat(h.param("qop")).isEqualTo("auth");
        assertThat(h.param("nc")).isEqualTo("00000001");
        assertThat(h.param("opaque")).isEqualTo("xyz");
        assertThat(h.param("response")).isEqualTo(Digest.response("u", "r", "p", "DESCRIBE", "rtsp://h/x", "abc", "auth",
                                                                  "00000001", h.param("cnonce")));
    }

    @Test
    void basic() {
        ServerAuthenticator server = new ServerAuthenticator(AuthMethod.BASIC, "cams", "admin", "s3cret");
        assertThat(server.check("DESCRIBE", null).challenge()).isEqualTo("Basic realm=\"cams\"");
        ClientAuthenticator client = new ClientAuthenticator("admin", "s3cret");
        client.challenged(List.of("Basic realm=\"cams\""));
        String header = client.authorization("DESCRIBE", "rtsp://h/x");
        assertThat(header).isEqualTo("Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes()));
        assertThat(server.check("DESCRIBE", header).accepted()).isTrue();
        assertThat(server.check("DESCRIBE", "Basic " + Base64.getEncoder().encodeToString("admin:x".getBytes())).accepted())
                .isFalse();
        assertThat(server.check("DESCRIBE", "Basic !!!").accepted()).isFalse();
    }

    @Test
    void clientPrefersDigestWhenBothAreOffered() {
        ClientAuthenticator client = new ClientAuthenticator("u", "p");
        client.challenged(List.of("Basic realm=\"r\"", "Digest realm=\"r\", nonce=\"n\""));
        assertThat(client.authorization("PLAY", "rtsp://h/x")).startsWith("Digest ");
    }
}
