package org.camelvideo.rtmp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.test.AvailablePortFinder;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.camelvideo.rtmp.peers.Proc;
import org.camelvideo.rtmp.peers.TestClips;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ffmpeg programs publish into one server on one event loop; the route of one stream takes
 * far longer than the stream. The other stream's route gets every packet in real time, and the
 * slow one loses nothing either: past its small queue bound the server stops reading that
 * publisher, whose packets wait in TCP.
 */
class SlowRouteTest {

    @Test
    void aSlowRouteSlowsItsOwnPublisherOnlyAndLosesNothing() throws Exception {
        Path work = Files.createDirectories(Path.of("target/slow-route-" + UUID.randomUUID()).toAbsolutePath());
        int port = AvailablePortFinder.getNextAvailable();
        RtmpComponent rtmp = new RtmpComponent();
        rtmp.setEventLoopThreads(1);
        CamelContext context = new DefaultCamelContext();
        context.addComponent("rtmp", rtmp);
        List<MediaPacket> slow = Collections.synchronizedList(new ArrayList<>());
        List<MediaPacket> fast = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + port + "/live/slow?role=server&maxPendingBytes=200000").routeId("slow")
                        .process(e -> {
                            slow.add(e.getIn().getBody(MediaPacket.class));
                            Thread.sleep(100);
                        });
                from("rtmp://127.0.0.1:" + port + "/live/fast?role=server").process(e -> fast.add(e.getIn().getBody(MediaPacket.class)));
            }
        });
        context.start();
        RtmpConsumer consumer = (RtmpConsumer) context.getRoute("slow").getConsumer();
        try (Proc slowPublisher = publish(work, port, "slow")) {
            Thread.sleep(500);
            long start = System.nanoTime();
            try (Proc fastPublisher = publish(work, port, "fast")) {
                assertThat(fastPublisher.waitFor(30)).as(fastPublisher.output()).isZero();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // The clip lasts 10 s; on the event loop, the slow route's 100 ms per packet would
            // have let through 10 packets a second for both streams together.
            assertThat(seconds).as("time to publish the 10 s clip beside the slow stream").isLessThan(14);
            assertThat(fast.stream().filter(p -> p.codec().isVideo()).count()).isEqualTo(TestClips.FPS * TestClips.SECONDS);
        } finally {
            context.stop();
        }
        assertThat(consumer.getDroppedPackets()).isZero();
        List<MediaPacket> video = slow.stream().filter(p -> p.codec().isVideo()).toList();
        assertThat(video).as("the slow route ran at its own pace").hasSizeBetween(20, 130);
        for (int i = 1; i < video.size(); i++) {
            assertThat(video.get(i).dtsMicros() - video.get(i - 1).dtsMicros()).as("gap before video packet %d", i)
                    .isLessThan(40_000);
        }
        assertThat(LeakWatch.rtmpThreads()).isEmpty();
    }

    /**
     * A publisher that has sent all it had, ahead of a route twice too slow for it, and closed:
     * the packets still in the server's socket buffer reach the route all the same.
     */
    @Test
    void aPublisherThatEndsAheadOfASlowRouteLosesNothing() throws Exception {
        Path work = Files.createDirectories(Path.of("target/slow-route-" + UUID.randomUUID()).toAbsolutePath());
        int port = AvailablePortFinder.getNextAvailable();
        CamelContext context = new DefaultCamelContext();
        List<MediaPacket> video = Collections.synchronizedList(new ArrayList<>());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + port + "/live/slow?role=server&maxPendingBytes=50000").routeId("slow")
                        .filter(e -> e.getIn().getBody(MediaPacket.class).codec().isVideo())
                        .process(e -> {
                            video.add(e.getIn().getBody(MediaPacket.class));
                            Thread.sleep(60);
                        });
            }
        });
        context.start();
        RtmpConsumer consumer = (RtmpConsumer) context.getRoute("slow").getConsumer();
        try {
            String log = Proc.run(work.resolve("publish-ahead.log"), 30,
                                  List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-re", "-t", "4", "-i", TestClips.flv().toString(),
                                          "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/slow"));
            assertThat(log).doesNotContain("Error");
            // Four seconds of 30 fps at 60 ms a frame: the route is still at work when ffmpeg is done.
            assertThat(video.size()).isLessThan(100);
            long deadline = System.currentTimeMillis() + 15_000;
            while (video.size() < 120 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            context.stop();
        }
        assertThat(consumer.getDroppedPackets()).isZero();
        assertThat(video).hasSizeBetween(120, 122);
    }

    private static Proc publish(Path work, int port, String stream) throws Exception {
        return Proc.start(work.resolve("publish-" + stream + ".log"),
                          List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-re", "-i", TestClips.flv().toString(), "-c",
                                  "copy", "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/" + stream));
    }
}
