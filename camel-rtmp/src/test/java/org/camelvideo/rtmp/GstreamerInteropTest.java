package org.camelvideo.rtmp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.rtmp.peers.Ffprobe;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.rtmp.peers.Proc;
import org.camelvideo.rtmp.peers.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GStreamer's two RTMP clients publish into the server role: rtmp2sink (GStreamer's own) and
 * rtmpsink (librtmp, the library OBS's RTMP output descends from).
 */
class GstreamerInteropTest {

    static {
        LeakWatch.install();
    }

    private static Path work;

    @BeforeAll
    static void dir() throws Exception {
        work = Files.createDirectories(Path.of("target/gst-" + UUID.randomUUID()).toAbsolutePath());
    }

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakWatch.assertNoLeaks();
    }

    @ParameterizedTest
    @ValueSource(strings = { "rtmp2sink", "rtmpsink" })
    void gstreamerPublishesIntoTheServerRole(String sink) throws Exception {
        String launch = Peers.require("gst-launch-1.0", "gstreamer1.0-tools");
        try (Proc inspect = Proc.start(work.resolve(sink + "-inspect.log"),
                                       List.of(Peers.require("gst-inspect-1.0", "gstreamer1.0-tools"), sink))) {
            assertThat(inspect.waitFor(30)).as("GStreamer element %s is missing: apt-get install gstreamer1.0-plugins-bad", sink)
                    .isZero();
        }
        int port = Peers.freePort();
        Path relay = work.resolve(sink);
        AtomicInteger audio = new AtomicInteger();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + port + "/live/gst?role=server")
                        .filter(header(MediaHeaders.CODEC).isEqualTo(Codec.AAC)).process(e -> audio.incrementAndGet()).stop().end()
                        .convertBodyTo(byte[].class)
                        .to("file:" + relay + "?fileName=relay.h264&fileExist=Append");
            }
        });
        context.start();
        try {
            String url = "rtmp://127.0.0.1:" + port + "/live/gst";
            Proc.run(work.resolve(sink + ".log"), 60,
                     List.of(launch, "-q", "filesrc", "location=" + TestClips.flv(), "!", "flvdemux", "name=d",
                             "d.video", "!", "queue", "!", "h264parse", "!", "flvmux", "name=m", "streamable=true", "!", sink, "sync=false",
                             "location=" + url, "d.audio", "!", "queue", "!", "aacparse", "!", "m."));
            RtmpConsumer consumer = (RtmpConsumer) context.getRoutes().get(0).getConsumer();
            long deadline = System.currentTimeMillis() + 10_000;
            while (consumer.getServer().connectionCount() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            context.stop();
        }
        assertThat(audio.get()).isGreaterThan(300);
        Map<String, Ffprobe.Stream> streams = Ffprobe.probe(work.resolve(sink + "-probe.log"), relay.resolve("relay.h264").toString(), 60);
        assertThat(streams.get("video").width()).isEqualTo(TestClips.WIDTH);
        assertThat(streams.get("video").height()).isEqualTo(TestClips.HEIGHT);
        assertThat(streams.get("video").frames()).isGreaterThanOrEqualTo(TestClips.FPS * TestClips.SECONDS - 30);
    }
}
