package org.camelvideo.rtmp;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.rtmp.client.RtmpPublisher;
import org.camelvideo.rtmp.peers.BytedecoFfmpeg;
import org.camelvideo.rtmp.peers.FfmpegRtmpListener;
import org.camelvideo.rtmp.peers.Ffprobe;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.camelvideo.rtmp.peers.Proc;
import org.camelvideo.rtmp.peers.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H.265 over Enhanced RTMP, against FFmpeg 8 (the ffmpeg program bytedeco ships): publishing to
 * its RTMP server mode, and taking its publish in the server role.
 */
class EnhancedRtmpTest {

    private static Path work;

    @BeforeAll
    static void workDirectory() throws Exception {
        work = Files.createDirectories(Path.of("target/enhanced-" + UUID.randomUUID()).toAbsolutePath());
    }

    @AfterAll
    static void noLeaks() throws Exception {
        LeakWatch.assertNoLeaks();
    }

    @Test
    void ffmpeg8ReceivesH265ThatDecodes() throws Exception {
        List<MediaPacket> clip = TestClips.hevcPackets();
        int port = Peers.freePort();
        Path out = work.resolve("listen-hevc.flv");
        try (Proc listener = FfmpegRtmpListener.start(BytedecoFfmpeg.ffmpeg(), work.resolve("listen-hevc.log"), port, "live/hevc",
                                                      out)) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:video").to("rtmp://127.0.0.1:" + port + "/live/hevc?frameRate=30");
                }
            });
            context.start();
            RtmpPublisher publisher = LiveSemanticsTest.publishThenStop(context, "direct:video", clip, 4000);
            assertThat(listener.waitFor(30)).as(listener.output()).isZero();
            assertThat(publisher.droppedCount()).isZero();
            assertThat(publisher.sentCount()).isGreaterThanOrEqualTo(119);
        }
        Map<String, Ffprobe.Stream> streams = Ffprobe.probe(BytedecoFfmpeg.ffprobe(), work.resolve("probe-hevc.log"),
                                                            out.toString(), 60);
        assertThat(streams.get("video").codecName()).isEqualTo("hevc");
        assertThat(streams.get("video").width()).isEqualTo(TestClips.WIDTH);
        assertThat(streams.get("video").height()).isEqualTo(TestClips.HEIGHT);
        assertThat(streams.get("video").frames()).isGreaterThanOrEqualTo(90);
    }

    @Test
    void serverRoleTakesH265FromFfmpeg8() throws Exception {
        int port = Peers.freePort();
        List<MediaPacket> received = new CopyOnWriteArrayList<>();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + port + "/live/in?role=server").process(e -> received.add(e.getIn().getBody(MediaPacket.class)));
            }
        });
        context.start();
        try {
            String log = Proc.run(work.resolve("publish-hevc.log"), 60,
                                  List.of(BytedecoFfmpeg.ffmpeg(), "-hide_banner", "-re", "-i", TestClips.hevcMkv().toString(), "-c",
                                          "copy", "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/in"));
            assertThat(log).doesNotContain("Error");
            long deadline = System.currentTimeMillis() + 10_000;
            while (received.size() < TestClips.FPS * TestClips.SECONDS && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            context.stop();
        }
        assertThat(received).allSatisfy(p -> assertThat(p.codec()).isEqualTo(Codec.H265)).hasSize(TestClips.FPS * TestClips.SECONDS);
        assertThat(received.get(0).isKeyframe()).isTrue();
        assertThat(received.get(0).config().width()).isEqualTo(TestClips.WIDTH);
        Path relay = work.resolve("relay.h265");
        try (OutputStream out = Files.newOutputStream(relay)) {
            for (MediaPacket p : received) {
                out.write(p.payload());
            }
        }
        Map<String, Ffprobe.Stream> streams = Ffprobe.probe(work.resolve("probe-relay-hevc.log"), relay.toString(), 60);
        assertThat(streams.get("video").codecName()).isEqualTo("hevc");
        assertThat(streams.get("video").width()).isEqualTo(TestClips.WIDTH);
        assertThat(streams.get("video").frames()).isEqualTo(TestClips.FPS * TestClips.SECONDS);
        assertThat(LeakWatch.rtmpThreads()).isEmpty();
    }
}
