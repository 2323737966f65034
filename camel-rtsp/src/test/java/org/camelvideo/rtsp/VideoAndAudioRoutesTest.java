package org.camelvideo.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.AudioFrame;
import org.camelvideo.media.SampleFormat;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.probe.MediaProbe;
import org.junit.jupiter.api.Test;

/**
 * A video route and an audio route send to one rtsp: endpoint and feed one path, which stays
 * mounted until the last of them stops. The audio comes as sound cards and many files hand it
 * over, in PCM chunks longer than an AAC frame, so h264:encode completes several AAC packets from
 * one AudioFrame and emits them as a list: rtsp: serves each. FFmpeg's RTSP demuxer and AAC
 * decoder, in-process, check what readers get.
 */
class VideoAndAudioRoutesTest {

    private static final int RATE = 48_000;
    private static final int SAMPLES = 4096;

    @Test
    void oneEndpointTwoRoutesOnePathAndListsOfAacPacketsServedOneByOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        String server = "rtsp://127.0.0.1:" + port + "/live";
        long[] chunks = { 0 };
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:testsrc?width=320&height=240").routeId("video").to("h264:encode?gop=30").to(server);
                // 4096 samples at 48 kHz every 85 ms: four AAC frames' worth each time.
                from("timer:pcm?delay=0&period=85").routeId("audio").process(e -> e.getMessage().setBody(tone(chunks[0]++))).to("h264:encode")
                        .to(server);
            }
        });
        context.start();
        try {
            Thread.sleep(1500);
            MediaProbe.Result result = MediaProbe.probe(server, "rtsp", Map.of("rtsp_transport", "tcp"), 60);
            assertThat(result.videoFrames()).isEqualTo(60);
            assertThat(result.audioCodec()).isEqualTo("aac");
            assertThat(result.sampleRate()).isEqualTo(RATE);
            // Two seconds of video carry about 94 AAC frames; one packet per exchange would give a quarter.
            assertThat(result.audioFrames()).isGreaterThan(70);

            context.getRouteController().stopRoute("audio");
            assertThat(MediaProbe.probe(server, "rtsp", Map.of("rtsp_transport", "tcp"), 10).videoFrames())
                    .as("video still served after the audio route stopped").isEqualTo(10);
            context.getRouteController().stopRoute("video");
            assertThat(Peers.closedWithin(port, 2000)).as("the server closed with the last route").isTrue();
        } finally {
            context.stop();
        }
    }

    /** Sound alone (a microphone, a radio relay): described as an audio-only session, and FFmpeg plays it over TCP and UDP. */
    @Test
    void aPathThatOnlyGetsAudioIsServedAsAnAudioOnlySession() throws Exception {
        int port = Peers.freePort();
        String server = "rtsp://127.0.0.1:" + port + "/radio";
        long[] chunks = { 0 };
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:pcm?delay=0&period=85").process(e -> e.getMessage().setBody(tone(chunks[0]++))).to("h264:encode")
                        .to(server);
            }
        });
        context.start();
        try {
            Thread.sleep(500);
            for (String transport : new String[] { "tcp", "udp" }) {
                Peers.Result probe = Peers.run(60, Peers.ffprobe(), "-v", "error", "-rtsp_transport", transport, "-read_intervals", "%+#40",
                                               "-count_frames", "-show_entries", "stream=codec_type,codec_name,sample_rate,nb_read_frames",
                                               "-of", "csv=p=0", server);
                assertThat(probe.output().trim()).as(transport).isEqualTo("aac,audio,48000,40");
            }
        } finally {
            context.stop();
        }
    }

    private static AudioFrame tone(long chunk) {
        byte[] pcm = new byte[SAMPLES * 2 * 2];
        for (int i = 0; i < SAMPLES; i++) {
            long n = chunk * SAMPLES + i;
            short v = (short) (6000 * Math.sin(2 * Math.PI * 440 * n / RATE));
            for (int c = 0; c < 2; c++) {
                pcm[4 * i + 2 * c] = (byte) v;
                pcm[4 * i + 2 * c + 1] = (byte) (v >> 8);
            }
        }
        return new AudioFrame(RATE, 2, SampleFormat.S16, pcm, chunk * SAMPLES * 1_000_000L / RATE);
    }
}
