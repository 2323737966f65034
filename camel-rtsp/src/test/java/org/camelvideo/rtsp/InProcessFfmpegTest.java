package org.camelvideo.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.probe.MediaProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FFmpeg's RTSP demuxer and decoders, in this JVM through bytedeco, play what the server serves
 * from {@code camera:testsrc -> h264:encode}: over TCP interleaved and over UDP, video and audio.
 */
class InProcessFfmpegTest {

    private CamelContext context;
    private int port;

    @BeforeEach
    void serve() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:testsrc?width=640&height=360&audio=true").to("h264:encode?gop=30")
                        .to("rtsp://127.0.0.1:" + port + "/live");
            }
        });
        context.start();
        Thread.sleep(500);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private void plays(String transport) {
        MediaProbe.Result result = MediaProbe.probe("rtsp://127.0.0.1:" + port + "/live", "rtsp",
                                                    Map.of("rtsp_transport", transport), 90);
        assertThat(result.videoCodec()).isEqualTo("h264");
        assertThat(result.width()).isEqualTo(640);
        assertThat(result.height()).isEqualTo(360);
        assertThat(result.videoFrames()).isEqualTo(90);
        assertThat(result.audioCodec()).isEqualTo("aac");
        assertThat(result.sampleRate()).isEqualTo(48000);
        assertThat(result.audioFrames()).isGreaterThan(100);
    }

    @Test
    void playsOverTcp() {
        plays("tcp");
    }

    @Test
    void playsOverUdp() {
        plays("udp");
    }
}
