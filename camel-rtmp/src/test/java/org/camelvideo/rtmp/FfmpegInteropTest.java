package org.camelvideo.rtmp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtmp.client.RtmpPublisher;
import org.camelvideo.rtmp.peers.Feeder;
import org.camelvideo.rtmp.peers.Ffprobe;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.camelvideo.rtmp.peers.Nginx;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.rtmp.peers.FfmpegRtmpListener;
import org.camelvideo.rtmp.peers.Proc;
import org.camelvideo.rtmp.peers.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FFmpeg's own RTMP code on the other side: its server mode ({@code -listen 1}) takes our
 * publish; its client publishes into our server role and into nginx for us to play.
 */
class FfmpegInteropTest {

    static {
        LeakWatch.install();
    }

    private static Path work;
    private static List<MediaPacket> clip;

    @BeforeAll
    static void clips() throws Exception {
        work = Files.createDirectories(Path.of("target/ffmpeg-" + UUID.randomUUID()).toAbsolutePath());
        clip = TestClips.packets();
    }

    @AfterAll
    static void noLeaks() throws Exception {
        LeakWatch.assertNoLeaks();
    }

    @Test
    void ffmpegListenerReceivesDecodableH264AndAac() throws Exception {
        int port = Peers.freePort();
        Path out = work.resolve("listen.flv");
        try (Proc listener = FfmpegRtmpListener.start(Peers.require("ffmpeg", "ffmpeg"), work.resolve("listen.log"), port,
                                                      "live/stream", out)) {
            CamelContext context = new DefaultCamelContext();
            // Two routes, video and audio, feeding one endpoint: one connection.
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    String uri = "rtmp://127.0.0.1:" + port + "/live/stream?frameRate=30&videoBitrate=1000000&audioBitrate=128000";
                    from("direct:av").choice().when(simple("${body.codec} == 'H264'")).to("direct:video").otherwise()
                            .to("direct:audio");
                    from("direct:video").to(uri);
                    from("direct:audio").to(uri);
                }
            });
            context.start();
            RtmpPublisher publisher = LiveSemanticsTest.publishThenStop(context, "direct:av", clip, 4000);
            assertThat(listener.waitFor(30)).as(listener.output()).isZero();
            assertThat(publisher.droppedCount()).isZero();
            assertThat(publisher.sentCount()).isGreaterThan(280);
        }
        Map<String, Ffprobe.Stream> streams = Ffprobe.probe(work.resolve("probe-listen.log"), out.toString(), 60);
        assertThat(streams.get("video").codecName()).isEqualTo("h264");
        assertThat(streams.get("video").width()).isEqualTo(TestClips.WIDTH);
        assertThat(streams.get("video").height()).isEqualTo(TestClips.HEIGHT);
        assertThat(streams.get("video").frames()).isGreaterThanOrEqualTo(90);
        assertThat(streams.get("audio").codecName()).isEqualTo("aac");
        assertThat(streams.get("audio").frames()).isGreaterThan(100);
    }

    @Test
    void audioKeepsFlowingWhenTheVideoStops() throws Exception {
        // Audio rides with video frames while they flow; here they stop half-way, and the audio after them must still all arrive.
        int port = Peers.freePort();
        Path out = work.resolve("video-stops.flv");
        AtomicInteger audioSent = new AtomicInteger();
        try (Proc listener = FfmpegRtmpListener.start(Peers.require("ffmpeg", "ffmpeg"), work.resolve("video-stops.log"), port,
                                                      "live/stream", out)) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:av").filter(e -> {
                        MediaPacket p = e.getMessage().getBody(MediaPacket.class);
                        if (p.codec() == Codec.AAC) {
                            audioSent.incrementAndGet();
                            return true;
                        }
                        return p.dtsMicros() < 2_000_000;
                    }).to("rtmp://127.0.0.1:" + port + "/live/stream");
                }
            });
            context.start();
            RtmpPublisher publisher = LiveSemanticsTest.publishThenStop(context, "direct:av", clip, 4000);
            assertThat(listener.waitFor(30)).as(listener.output()).isZero();
            assertThat(publisher.droppedCount()).isZero();
        }
        Map<String, Ffprobe.Stream> streams = Ffprobe.probe(work.resolve("probe-video-stops.log"), out.toString(), 60);
        assertThat(streams.get("video").frames()).isBetween(55L, 60L);
        assertThat(streams.get("audio").frames()).as("every AAC frame, also those after the video stopped")
                .isEqualTo(audioSent.get());
    }

    /**
     * A server that stops reading for 4 s (SIGSTOP) fills the publisher's socket: what the socket
     * does not take goes through the pipeline, which fills up to maxPendingBytes and then drops to
     * the next keyframe. Written partly on the route's thread and partly by the event loop, the
     * stream must reach FFmpeg in order: every byte it gets after the stall demuxes and decodes.
     */
    @Test
    void aServerThatStopsReadingCostsDropsAndTheStreamGoesOnDecodable() throws Exception {
        int port = Peers.freePort();
        Path out = work.resolve("stall.flv");
        RtmpPublisher publisher;
        long sent;
        try (Proc listener = FfmpegRtmpListener.start(Peers.require("ffmpeg", "ffmpeg"), work.resolve("stall.log"), port,
                                                      "live/stream", out)) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:av").to("rtmp://127.0.0.1:" + port + "/live/stream?maxPendingBytes=262144");
                }
            });
            context.start();
            publisher = LiveSemanticsTest.publishing(context);
            try (Feeder feeder = new Feeder(context.createProducerTemplate(), "direct:av", clip, 9000)) {
                Thread.sleep(2000);
                signal("STOP", listener);
                Thread.sleep(4000);
                signal("CONT", listener);
                feeder.join();
                sent = feeder.sent();
                // FFmpeg's listener takes one connection: still up is still the first one.
                assertThat(publisher.connection().isUp()).as(publisher.connection().lastProblem()).isTrue();
            } finally {
                context.stop();
            }
            assertThat(listener.waitFor(30)).as(listener.output()).isZero();
        }
        assertThat(publisher.droppedCount()).as("packets dropped while the server did not read").isPositive();
        assertThat(publisher.sentCount() + publisher.droppedCount()).isEqualTo(sent);
        Peers.Result decode = Peers.run(60, Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-v", "error", "-i", out.toString(),
                                        "-f", "null", "-");
        assertThat(decode.exitCode()).isZero();
        assertThat(decode.output()).as("FFmpeg decoding what it received").isBlank();
        Map<String, Ffprobe.Stream> streams = Ffprobe.probe(work.resolve("probe-stall.log"), out.toString(), 60);
        // 2 s before the stall and 3 s after it, at 30 fps, less what was dropped up to a keyframe (one a second).
        assertThat(streams.get("video").frames()).isGreaterThanOrEqualTo(120);
        assertThat(streams.get("audio").frames()).isGreaterThan(150);
    }

    @Test
    void serverRoleRelaysAnFfmpegPublishToAFileThatDecodes() throws Exception {
        int port = Peers.freePort();
        Path relay = work.resolve("relay");
        AtomicInteger audio = new AtomicInteger();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + port + "/live/in?role=server")
                        .filter(header(MediaHeaders.CODEC).isEqualTo(Codec.AAC)).process(e -> audio.incrementAndGet()).stop().end()
                        .convertBodyTo(byte[].class)
                        .to("file:" + relay + "?fileName=relay.h264&fileExist=Append");
            }
        });
        context.start();
        try {
            String log = Proc.run(work.resolve("publish-in.log"), 60,
                                  List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-i", TestClips.flv().toString(),
                                          "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/in"));
            assertThat(log).doesNotContain("Error");
            awaitPublisherGone(context);
        } finally {
            context.stop();
        }
        assertThat(LeakWatch.rtmpThreads()).isEmpty();
        assertThat(audio.get()).isGreaterThan(300);
        Map<String, Ffprobe.Stream> streams = Ffprobe.probe(work.resolve("probe-relay.log"), relay.resolve("relay.h264").toString(), 60);
        assertThat(streams.get("video").width()).isEqualTo(TestClips.WIDTH);
        assertThat(streams.get("video").height()).isEqualTo(TestClips.HEIGHT);
        assertThat(streams.get("video").frames()).isEqualTo(TestClips.FPS * TestClips.SECONDS);
    }

    /**
     * A relay whose publisher goes and another comes, its timestamps from zero again: what the
     * relay publishes on stays one timeline, as the server on the far side needs (nginx froze or
     * dropped the stream when the second publisher's time went back).
     */
    @Test
    void aRelayCarriesItsTimelineOnWhenItsPublisherStartsAgain() throws Exception {
        int serverPort = Peers.freePort();
        int listenPort = Peers.freePort();
        Path out = work.resolve("relay-restart.flv");
        String ffmpeg = Peers.require("ffmpeg", "ffmpeg");
        try (Proc listener = FfmpegRtmpListener.start(ffmpeg, work.resolve("relay-restart-listen.log"), listenPort, "live/out", out)) {
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rtmp://127.0.0.1:" + serverPort + "/live/in?role=server").to("rtmp://127.0.0.1:" + listenPort + "/live/out");
                }
            });
            context.start();
            try {
                for (String size : List.of("640x360", "320x240")) {
                    String log = Proc.run(work.resolve("relay-restart-publish-" + size + ".log"), 60,
                                          List.of(ffmpeg, "-hide_banner", "-re", "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25",
                                                  "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-f", "flv",
                                                  "rtmp://127.0.0.1:" + serverPort + "/live/in"));
                    assertThat(log).doesNotContain("Error");
                    awaitPublisherGone(context);
                }
            } finally {
                context.stop();
            }
            assertThat(listener.waitFor(30)).as(listener.output()).isZero();
        }
        String[] times = Peers.run(60, Peers.ffprobe(), "-v", "error", "-select_streams", "v", "-show_entries", "packet=dts_time", "-of",
                                   "default=nw=1:nk=1", out.toString()).output().trim().split("\\s+");
        // Both publishers' 100 frames, at 25 a second, on one rising timeline: none repeats a time, none goes back.
        assertThat(times.length).isBetween(190, 200);
        for (int i = 1; i < times.length; i++) {
            assertThat(Double.parseDouble(times[i])).as("frame %d of %s", i, String.join(" ", times))
                    .isGreaterThan(Double.parseDouble(times[i - 1]));
        }
        assertThat(Double.parseDouble(times[times.length - 1]) - Double.parseDouble(times[0])).isBetween(7.5, 8.5);
    }

    /**
     * A publisher that freezes without closing its connection (SIGSTOP: a hung encoder, a pulled
     * cable) is disconnected after the read timeout, and the next publisher of the stream is taken.
     */
    @Test
    void aFrozenPublisherFreesItsStreamForTheNext() throws Exception {
        int port = Peers.freePort();
        AtomicInteger packets = new AtomicInteger();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + port + "/live/cam?role=server&readTimeout=2000").process(e -> packets.incrementAndGet());
            }
        });
        context.start();
        List<String> publish = List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-re", "-stream_loop", "-1", "-i",
                                       TestClips.flv().toString(), "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/cam");
        try (Proc frozen = Proc.start(work.resolve("frozen-publisher.log"), publish)) {
            awaitPackets(packets, 30);
            signal("STOP", frozen);
            int before = packets.get();
            // Refused while the frozen one holds the stream, the next is taken once the 2 s of silence are up;
            // like OBS, it tries again when refused.
            long deadline = System.currentTimeMillis() + 10_000;
            Proc next = Proc.start(work.resolve("next-publisher.log"), publish);
            try {
                while (next.process().waitFor(1, TimeUnit.SECONDS) && System.currentTimeMillis() < deadline) {
                    assertThat(next.output()).contains("Stream is already being published");
                    next = Proc.start(work.resolve("next-publisher.log"), publish);
                }
                awaitPackets(packets, before + 60);
                assertThat(next.isAlive()).as(next.output()).isTrue();
            } finally {
                next.close();
                signal("CONT", frozen);
            }
        } finally {
            context.stop();
        }
        assertThat(LeakWatch.rtmpThreads()).isEmpty();
    }

    private static void awaitPackets(AtomicInteger packets, int wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (packets.get() < wanted && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(packets.get()).isGreaterThanOrEqualTo(wanted);
    }

    private static void signal(String signal, Proc proc) throws Exception {
        assertThat(Peers.run(10, "kill", "-" + signal, String.valueOf(proc.process().pid())).exitCode()).isZero();
    }

    /** FFmpeg is done when it has written; the server is done when it has read all of it. */
    private static void awaitPublisherGone(CamelContext context) throws InterruptedException {
        RtmpConsumer consumer = (RtmpConsumer) context.getRoutes().get(0).getConsumer();
        long deadline = System.currentTimeMillis() + 10_000;
        while (consumer.getServer().connectionCount() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void serverRoleRefusesAWrongStreamKey() throws Exception {
        int port = Peers.freePort();
        CamelContext context = new DefaultCamelContext();
        List<MediaPacket> received = new CopyOnWriteArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("rtmp://127.0.0.1:" + port + "/live/in?role=server&streamKey=s3cret").process(e -> received.add(
                        e.getIn().getBody(MediaPacket.class)));
            }
        });
        context.start();
        try {
            try (Proc ffmpeg = Proc.start(work.resolve("wrong-key.log"),
                                          List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-i", TestClips.flv().toString(),
                                                  "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/inWRONG"))) {
                assertThat(ffmpeg.waitFor(30)).isNotZero();
                assertThat(ffmpeg.output()).contains("No stream of this name and key is accepted here");
            }
            String right = Proc.run(work.resolve("right-key.log"), 60,
                                    List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-i", TestClips.flv().toString(),
                                            "-t", "2", "-c", "copy", "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/ins3cret"));
            assertThat(right).doesNotContain("BadName");
        } finally {
            context.stop();
        }
        assertThat(received).isNotEmpty();
    }

    @Test
    void playsWhatFfmpegPublishesToNginx() throws Exception {
        try (Nginx nginx = Nginx.start(work.resolve("nginx"));
             Proc ffmpeg = Proc.start(work.resolve("publish-play.log"),
                                      List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-re", "-stream_loop", "-1", "-i",
                                              TestClips.flv().toString(), "-c", "copy", "-f", "flv",
                                              "rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live/show"))) {
            Thread.sleep(1000);
            List<MediaPacket> packets = play("rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live/show");
            List<MediaPacket> video = packets.stream().filter(p -> p.codec() == Codec.H264).toList();
            assertThat(video).hasSizeGreaterThanOrEqualTo(90);
            assertThat(video.get(0).isKeyframe()).isTrue();
            assertThat(video.get(0).config().width()).isEqualTo(TestClips.WIDTH);
            assertThat(video.get(0).config().height()).isEqualTo(TestClips.HEIGHT);
            assertThat(packets.stream().filter(p -> p.codec() == Codec.AAC).findFirst().orElseThrow().config().sampleRate())
                    .isEqualTo(44100);
            for (int i = 1; i < video.size(); i++) {
                assertThat(video.get(i).dtsMicros()).isGreaterThanOrEqualTo(video.get(i - 1).dtsMicros());
            }
        }
    }

    @Test
    void playsFromFfmpegServingAsAnRtmpServer() throws Exception {
        int port = Peers.freePort();
        try (Proc server = Proc.start(work.resolve("serve.log"),
                                      List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-re", "-i", TestClips.flv().toString(),
                                              "-c", "copy", "-f", "flv", "-listen", "1",
                                              "rtmp://127.0.0.1:" + port + "/live/served"))) {
            Peers.awaitListening(port, 10_000);
            List<MediaPacket> packets = play("rtmp://127.0.0.1:" + port + "/live/served");
            List<MediaPacket> video = packets.stream().filter(p -> p.codec() == Codec.H264).toList();
            assertThat(video).as(server.output()).hasSizeGreaterThanOrEqualTo(90);
            assertThat(video.get(0).isKeyframe()).isTrue();
            assertThat(video.get(0).config().width()).isEqualTo(TestClips.WIDTH);
            assertThat(packets.stream().anyMatch(p -> p.codec() == Codec.AAC)).isTrue();
        }
    }

    /** A server that froze without closing the connection (SIGSTOP) is given up after the read timeout. */
    @Test
    void aPlayerGivesUpAServerThatFroze() throws Exception {
        int port = Peers.freePort();
        try (Proc server = Proc.start(work.resolve("serve-frozen.log"),
                                      List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-re", "-stream_loop", "-1", "-i",
                                              TestClips.flv().toString(), "-c", "copy", "-f", "flv", "-listen", "1",
                                              "rtmp://127.0.0.1:" + port + "/live/served"))) {
            Peers.awaitListening(port, 10_000);
            AtomicInteger packets = new AtomicInteger();
            CamelContext context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("rtmp://127.0.0.1:" + port + "/live/served?readTimeout=1500&reconnectDelay=60000").routeId("play")
                            .process(e -> packets.incrementAndGet());
                }
            });
            context.start();
            try {
                awaitPackets(packets, 30);
                signal("STOP", server);
                RtmpConsumer consumer = (RtmpConsumer) context.getRoute("play").getConsumer();
                long deadline = System.currentTimeMillis() + 5000;
                while (consumer.getConnection().isUp() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(consumer.getConnection().isUp()).isFalse();
                assertThat(consumer.getConnection().lastProblem()).isEqualTo("nothing received for 1500 ms");
            } finally {
                signal("CONT", server);
                context.stop();
            }
        }
    }

    /** What a playing route receives from {@code url} until 90 video packets came, or 20 s passed. */
    private static List<MediaPacket> play(String url) throws Exception {
        List<MediaPacket> packets = new CopyOnWriteArrayList<>();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(url).process(e -> packets.add(e.getIn().getBody(MediaPacket.class)));
            }
        });
        context.start();
        try {
            long deadline = System.currentTimeMillis() + 20_000;
            while (packets.stream().filter(p -> p.codec() == Codec.H264).count() < 90 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            context.stop();
        }
        return packets;
    }
}
