package org.camelvideo.rtsp;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtsp.support.Clip;
import org.camelvideo.rtsp.support.FfmpegReader;
import org.camelvideo.rtsp.support.GstRtspServer;
import org.camelvideo.rtsp.support.Probe;
import org.camelvideo.rtsp.support.RecordingProxy;
import org.camelvideo.rtsp.support.Server;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rtsp consumer pulls from GStreamer's RTSP server and from ours, and relays. */
class ClientTest {

    @Test
    void pullsFromGStreamerOverTcp() throws Exception {
        pullFromGStreamer("TCP");
    }

    @Test
    void pullsFromGStreamerOverUdp() throws Exception {
        pullFromGStreamer("UDP");
    }

    private void pullFromGStreamer(String transport) throws Exception {
        Clip clip = Clip.hd(30, 10);
        try (GstRtspServer gst = new GstRtspServer(clip.file());
             Pull pull = new Pull(gst.url + "?transport=" + transport)) {
            List<MediaPacket> video = pull.await(p -> p.codec() == Codec.H264, 90, 20);
            assertPlayable(video, "gst-" + transport, 1280, 720);
        }
    }

    @Test
    void pullsH265FromGStreamerOverTcpAndUdp() throws Exception {
        try (GstRtspServer gst = new GstRtspServer(Clip.hevcFile(30, 10))) {
            for (String transport : List.of("TCP", "UDP")) {
                try (Pull pull = new Pull(gst.url + "?transport=" + transport)) {
                    List<MediaPacket> video = pull.await(p -> p.codec() == Codec.H265, 90, 20);
                    assertThat(video.get(0).config().codec()).isEqualTo(Codec.H265);
                    assertPlayable(video, "gst-hevc-" + transport, 1280, 720);
                }
            }
        }
    }

    @Test
    void pullsVideoAndAudioFromOurServerOverTcpAndUdp() throws Exception {
        try (Server server = new Server("").feed(Clip.hd(30, 10), true)) {
            for (String transport : List.of("TCP", "UDP")) {
                try (Pull pull = new Pull(server.url + "?transport=" + transport)) {
                    List<MediaPacket> video = pull.await(p -> p.codec() == Codec.H264, 90, 20);
                    assertPlayable(video, "ours-" + transport, 1280, 720);
                    List<MediaPacket> audio = pull.await(p -> p.codec() == Codec.AAC, 40, 5);
                    assertThat(audio.get(0).config().sampleRate()).isEqualTo(44100);
                    assertThat(audio.get(0).config().channels()).isEqualTo(2);
                    // Audio and video share one time line: both start near the same presentation time.
                    assertThat(Math.abs(audio.get(0).ptsMicros() - video.get(0).ptsMicros())).isLessThan(1_500_000);
                }
            }
        }
    }

    /**
     * Camera URLs carry queries of their own (Dahua's {@code ?channel=1&subtype=0}): what is not an
     * option of the endpoint goes to the camera, in Camel's (alphabetical) order; options still work.
     */
    @Test
    void pullsACameraUrlWithAQueryOfItsOwn() throws Exception {
        try (Server camera = new Server("/cam/realmonitor", "username=viewer&password=s3cret").feed(Clip.hd(30, 10), false);
             RecordingProxy proxy = new RecordingProxy(camera.port);
             Pull pull = new Pull("rtsp://127.0.0.1:" + proxy.port
                                  + "/cam/realmonitor?subtype=0&username=viewer&channel=1&password=s3cret")) {
            List<MediaPacket> video = pull.await(p -> p.codec() == Codec.H264, 90, 20);
            assertPlayable(video, "camera-query", 1280, 720);
            assertThat(proxy.requestLines()).contains("DESCRIBE rtsp://127.0.0.1:" + proxy.port
                                                      + "/cam/realmonitor?channel=1&subtype=0 RTSP/1.0");
            assertThat(proxy.sent()).as("the credentials go by Digest, not in the query")
                    .containsIgnoringCase("Authorization: Digest").doesNotContain("s3cret");
        }
    }

    @Test
    void noThreadLeftAfterTheConsumerStops() throws Exception {
        try (Server server = new Server("").feed(Clip.hd(30, 10), false);
             Pull pull = new Pull(server.url + "?transport=UDP")) {
            pull.await(p -> p.codec() == Codec.H264, 10, 20);
        }
        ServerProtocolTest.assertNoThreadLeft();
    }

    @Test
    void relayChainServesACameraAgainWithoutReencoding() throws Exception {
        try (Server camera = new Server("/cam", "").feed(Clip.hd(30, 10), true)) {
            String output = relay(camera.url);
            assertThat(output).contains("Audio: aac");
        }
    }

    @Test
    void relayChainServesAnH265CameraAgain() throws Exception {
        try (GstRtspServer camera = new GstRtspServer(Clip.hevcFile(30, 10))) {
            assertThat(relay(camera.url)).contains("Video: hevc");
        }
    }

    @Test
    void relayChainFromGStreamersServer() throws Exception {
        try (GstRtspServer camera = new GstRtspServer(Clip.hd(30, 10).file())) {
            relay(camera.url);
        }
    }

    /** camera -> our client -> our server -> FFmpeg; returns FFmpeg's output after 90 decoded frames. */
    private static String relay(String cameraUrl) throws Exception {
        int relayPort = org.apache.camel.test.AvailablePortFinder.getNextAvailable();
        String relayUrl = "rtsp://127.0.0.1:" + relayPort + "/relay";
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(cameraUrl).to(relayUrl);
            }
        });
        context.start();
        try (FfmpegReader reader = FfmpegReader.start(relayUrl, "tcp", 90)) {
            assertThat(reader.waitFor(40)).as(reader.output()).isZero();
            ServerFfmpegTest.assertDecoded(reader, 90, 1280, 720);
            assertThat(reader.output()).doesNotContain("error while decoding");
            return reader.output();
        } finally {
            context.stop();
        }
    }

    static void assertPlayable(List<MediaPacket> video, String name, int width, int height) throws Exception {
        assertThat(video.get(0).isKeyframe()).as("starts on a keyframe").isTrue();
        assertThat(video.get(0).config().width()).isEqualTo(width);
        assertThat(video.get(0).config().height()).isEqualTo(height);
        for (int i = 1; i < video.size(); i++) {
            assertThat(video.get(i).ptsMicros()).as("pts at %d", i).isGreaterThan(video.get(i - 1).ptsMicros());
        }
        long span = video.get(video.size() - 1).ptsMicros() - video.get(0).ptsMicros();
        assertThat(span / (video.size() - 1)).as("mean frame interval (30 fps)").isBetween(30_000L, 37_000L);
        int[] decoded = Probe.decode(video, name);
        assertThat(decoded).containsExactly(width, height, video.size());
    }

    /** A route pulling {@code uri} into a list. */
    static final class Pull implements AutoCloseable {
        final CamelContext context = new DefaultCamelContext();
        final List<MediaPacket> packets = new CopyOnWriteArrayList<>();

        Pull(String uri) throws Exception {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId("pull").process(e -> {
                        MediaPacket p = e.getIn().getBody(MediaPacket.class);
                        assertThat(e.getIn().getHeader(MediaHeaders.TIMESTAMP, Long.class)).isEqualTo(p.ptsMicros());
                        packets.add(p);
                    });
                }
            });
            context.start();
        }

        List<MediaPacket> await(Predicate<MediaPacket> filter, int count, int seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                List<MediaPacket> matching = packets.stream().filter(filter).toList();
                if (matching.size() >= count) {
                    return matching.subList(0, count);
                }
                Thread.sleep(50);
            }
            throw new AssertionError("Got only " + packets.stream().filter(filter).count() + " of " + count + " packets");
        }

        @Override
        public void close() throws Exception {
            context.stop();
        }
    }
}
