package org.camelvideo.mjpeg.client;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.camelvideo.mjpeg.Await;
import org.camelvideo.mjpeg.FreePort;
import org.camelvideo.mjpeg.Jpegs;
import org.camelvideo.mjpeg.MjpegConsumer;
import org.camelvideo.media.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An https camera: FFmpeg's own TLS server with a self-signed certificate for 127.0.0.1. The
 * consumer reads it when told to trust that certificate, and refuses it otherwise.
 */
class HttpsCameraTest {

    @TempDir
    Path dir;

    @Test
    void readsAnHttpsCameraItTrusts() throws Exception {
        Path cert = certificate("127.0.0.1");
        SSLContextParameters tls = trusting(cert);
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        int port = FreePort.find();
        Process camera = ffmpegHttpsServer(port, cert);
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("tls", tls);
        try {
            context.addRoutes(consumerRoute("mjpeg:https://127.0.0.1:" + port + "/x?sslContextParameters=#tls"
                                            + "&reconnectDelay=100&maxReconnectDelay=300", received));
            context.start();
            for (int i = 0; i < 30; i++) {
                byte[] jpeg = received.poll(20, TimeUnit.SECONDS);
                assertThat(jpeg).as("picture %d over https", i).isNotNull();
                assertThat(Jpegs.decode(jpeg).getWidth()).isEqualTo(320);
            }
        } finally {
            context.stop();
            camera.destroy();
            camera.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesACertificateItDoesNotTrust() throws Exception {
        Path cert = certificate("127.0.0.1");
        assertThat(refusal(cert, null)).startsWith("TLS with the camera failed: PKIX path building failed");
    }

    @Test
    void refusesATrustedCertificateForAnotherHost() throws Exception {
        Path cert = certificate("127.0.0.2");
        assertThat(refusal(cert, trusting(cert)))
                .isEqualTo("TLS with the camera failed: No subject alternative names matching IP address 127.0.0.1 found");
    }

    /** Why the consumer gets nothing from a camera serving {@code cert}, trusting what {@code tls} says. */
    private String refusal(Path cert, SSLContextParameters tls) throws Exception {
        BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        int port = FreePort.find();
        Process camera = ffmpegHttpsServer(port, cert);
        CamelContext context = new DefaultCamelContext();
        try {
            String options = "?reconnectDelay=100";
            if (tls != null) {
                context.getRegistry().bind("tls", tls);
                options += "&sslContextParameters=#tls";
            }
            context.addRoutes(consumerRoute("mjpeg:https://127.0.0.1:" + port + "/x" + options, received));
            context.start();
            MjpegConsumer consumer = (MjpegConsumer) context.getRoute("camera").getConsumer();
            Await.until(20, "the handshake failure noticed", () -> consumer.getLastError() != null
                    && !consumer.getLastError().startsWith("cannot connect: Connection refused"));
            assertThat(received).isEmpty();
            return consumer.getLastError();
        } finally {
            context.stop();
            camera.destroy();
            camera.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static RouteBuilder consumerRoute(String uri, BlockingQueue<byte[]> received) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("camera").process(e -> received.add(e.getMessage().getBody(byte[].class)));
            }
        };
    }

    private Process ffmpegHttpsServer(int port, Path cert) throws Exception {
        return new ProcessBuilder(Peers.ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f", "lavfi",
                "-i", "testsrc2=size=320x240:rate=30", "-t", "30", "-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg", "-listen", "1",
                "-cert_file", cert.toString(), "-key_file", dir.resolve("key.pem").toString(),
                "https://127.0.0.1:" + port + "/x").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** A self-signed certificate naming {@code ip}, made by the openssl program. */
    private Path certificate(String ip) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Peers.Result r = Peers.run(60, Peers.openssl(), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=" + ip, "-addext", "subjectAltName=IP:" + ip, "-keyout", dir.resolve("key.pem").toString(),
                "-out", cert.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        return cert;
    }

    private static SSLContextParameters trusting(Path cert) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            store.setCertificateEntry("camera", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setKeyStore(store);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(keyStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        return tls;
    }
}
