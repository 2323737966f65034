package org.camelvideo.rtsp;

import java.util.List;

import org.apache.camel.health.HealthCheck;
import org.camelvideo.media.Codec;
import org.camelvideo.rtsp.support.Clip;
import org.camelvideo.rtsp.support.FfmpegReader;
import org.camelvideo.rtsp.support.GstRtspServer;
import org.camelvideo.rtsp.support.Server;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials against FFmpeg, GStreamer and our own client; secrets stay out of printed URIs. */
class AuthTest {

    @Test
    void ffmpegPlaysWithDigestAndIsRefusedWithAWrongPassword() throws Exception {
        try (Server server = new Server("username=viewer&password=s3cret").feed(Clip.hd(30, 10), false)) {
            String withCredentials = server.url.replace("rtsp://", "rtsp://viewer:s3cret@");
            try (FfmpegReader reader = FfmpegReader.start(withCredentials, "tcp", 30)) {
                assertThat(reader.waitFor(30)).as(reader.output()).isZero();
                ServerFfmpegTest.assertDecoded(reader, 30, 1280, 720);
            }
            String wrong = server.url.replace("rtsp://", "rtsp://viewer:guess@");
            try (FfmpegReader reader = FfmpegReader.start(wrong, "tcp", 30)) {
                assertThat(reader.waitFor(30)).isNotZero();
                assertThat(reader.output()).contains("401 Unauthorized");
                assertThat(reader.frames()).isEmpty();
            }
            assertThat(((RtspProducer) server.producer()).getReaderCount()).isZero();
        }
    }

    @Test
    void ffmpegPlaysWithBasic() throws Exception {
        try (Server server = new Server("username=viewer&password=s3cret&authMethod=BASIC").feed(Clip.hd(30, 10), false);
             FfmpegReader reader = FfmpegReader.start(server.url.replace("rtsp://", "rtsp://viewer:s3cret@"), "tcp", 30)) {
            assertThat(reader.waitFor(30)).as(reader.output()).isZero();
            ServerFfmpegTest.assertDecoded(reader, 30, 1280, 720);
        }
    }

    @Test
    void ourClientLogsInWithDigestAndReportsWrongCredentials() throws Exception {
        try (Server server = new Server("username=viewer&password=s3cret").feed(Clip.hd(30, 10), false)) {
            try (ClientTest.Pull pull = new ClientTest.Pull(server.url + "?username=viewer&password=s3cret")) {
                assertThat(pull.await(p -> p.codec() == Codec.H264, 30, 20)).hasSize(30);
            }
            try (ClientTest.Pull pull = new ClientTest.Pull(server.url + "?username=viewer&password=guess&reconnectDelay=200")) {
                Thread.sleep(1500);
                assertThat(pull.packets).isEmpty();
                RtspConsumer consumer = (RtspConsumer) pull.context.getRoute("pull").getConsumer();
                HealthCheck.Result health = consumer.getHealthCheck().call();
                assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(health.getMessage()).get().asString().contains("refused the credentials of user 'viewer'")
                        .doesNotContain("guess");
            }
        }
    }

    @Test
    void ourClientLogsIntoGStreamerWithBasic() throws Exception {
        try (GstRtspServer gst = new GstRtspServer(Clip.hd(30, 10).file(), "cam", "pw")) {
            try (ClientTest.Pull pull = new ClientTest.Pull(gst.url.replace("rtsp://", "rtsp://cam:pw@"))) {
                assertThat(pull.await(p -> p.codec() == Codec.H264, 30, 20)).hasSize(30);
            }
            try (ClientTest.Pull pull = new ClientTest.Pull(gst.url)) {
                Thread.sleep(1500);
                assertThat(pull.packets).isEmpty();
                RtspConsumer consumer = (RtspConsumer) pull.context.getRoute("pull").getConsumer();
                assertThat(consumer.getHealthCheck().call().getMessage()).get().asString()
                        .contains("wants credentials");
            }
        }
    }

    @Test
    void passwordsAreMaskedInPrintedUris() throws Exception {
        try (Server server = new Server("username=viewer&password=s3cret")) {
            assertThat(server.endpoint().toString()).doesNotContain("s3cret");
        }
        org.apache.camel.CamelContext context = new org.apache.camel.impl.DefaultCamelContext();
        context.start();
        try {
            for (String uri : List.of("rtsp://cam:s3cret@127.0.0.1:554/x", "rtsp://127.0.0.1:554/x?username=cam&password=s3cret")) {
                RtspEndpoint e = context.getEndpoint(uri, RtspEndpoint.class);
                assertThat(e.getPassword()).isEqualTo("s3cret");
                assertThat(e.toString()).doesNotContain("s3cret");
            }
        } finally {
            context.stop();
        }
    }
}
