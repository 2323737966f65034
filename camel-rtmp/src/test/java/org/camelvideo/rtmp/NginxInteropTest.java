package org.camelvideo.rtmp;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.rtmp.client.RtmpPublisher;
import org.camelvideo.rtmp.peers.Feeder;
import org.camelvideo.rtmp.peers.Ffprobe;
import org.camelvideo.rtmp.peers.LeakWatch;
import org.camelvideo.rtmp.peers.Nginx;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.rtmp.peers.Proc;
import org.camelvideo.rtmp.peers.TestClips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Publishing to Debian's nginx with libnginx-mod-rtmp, started by the test: what nginx records
 * is decoded by ffprobe; nginx's own log shows what arrived.
 */
class NginxInteropTest {

    static {
        LeakWatch.install();
    }

    private static Path work;
    private static Nginx nginx;
    private static List<MediaPacket> clip;

    @BeforeAll
    static void startNginx() throws Exception {
        work = Path.of("target/nginx-" + UUID.randomUUID()).toAbsolutePath();
        nginx = Nginx.start(work);
        clip = TestClips.packets();
    }

    @AfterAll
    static void stopNginx() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
        LeakWatch.assertNoLeaks();
    }

    private static CamelContext publishingContext(String uri) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:av").to(uri);
            }
        });
        context.start();
        return context;
    }

    private static RtmpPublisher publisherOf(CamelContext context) {
        return context.getEndpoints().stream().filter(RtmpEndpoint.class::isInstance).map(e -> ((RtmpEndpoint) e).getPublisher())
                .findFirst().orElseThrow();
    }

    private static void awaitUp(RtmpPublisher publisher, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!publisher.connection().isUp()) {
            assertThat(System.currentTimeMillis()).as("publishing within %d ms, last problem: %s", timeoutMillis,
                                                      publisher.connection().lastProblem()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** Publishes 5 s of the clip in real time and stops. */
    private static RtmpPublisher publish(String uri, long millis) throws Exception {
        CamelContext context = publishingContext(uri);
        try {
            RtmpPublisher publisher = publisherOf(context);
            awaitUp(publisher, 10_000);
            ProducerTemplate template = context.createProducerTemplate();
            try (Feeder feeder = new Feeder(template, "direct:av", clip, millis)) {
                feeder.join();
                assertThat(feeder.failure()).isNull();
            }
            return publisher;
        } finally {
            context.stop();
        }
    }

    @Test
    void nginxRecordsDecodableH264AndAac() throws Exception {
        RtmpPublisher publisher = publish("rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live/cam1?frameRate=30", 5000);
        assertThat(publisher.droppedCount()).isZero();

        Map<String, Ffprobe.Stream> streams = Ffprobe.probe(work.resolve("probe-cam1.log"), nginx.recording("cam1").toString(), 60);
        assertThat(streams.get("video")).isNotNull();
        assertThat(streams.get("video").codecName()).isEqualTo("h264");
        assertThat(streams.get("video").width()).isEqualTo(TestClips.WIDTH);
        assertThat(streams.get("video").height()).isEqualTo(TestClips.HEIGHT);
        assertThat(streams.get("video").frames()).isGreaterThanOrEqualTo(90);
        assertThat(streams.get("audio")).isNotNull();
        assertThat(streams.get("audio").codecName()).isEqualTo("aac");
        assertThat(streams.get("audio").frames()).isGreaterThan(150);
        assertThat(LeakWatch.rtmpThreads()).isEmpty();

        // Stopping said goodbye: nginx got deleteStream before the connection closed.
        String log = nginx.errorLog();
        Matcher publish = Pattern.compile("\\*(\\d+) publish: name='cam1'").matcher(log);
        assertThat(publish.find()).isTrue();
        List<String> session = log.lines().filter(l -> l.contains("*" + publish.group(1) + " ")).toList();
        int deleteStream = indexOf(session, "deleteStream");
        int disconnect = indexOf(session, "disconnect");
        assertThat(deleteStream).isNotNegative().isLessThan(disconnect);
    }

    private static int indexOf(List<String> lines, String word) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(" " + word + ",")) {
                return i;
            }
        }
        return -1;
    }

    private static final String BILIBILI_KEY = "?streamname=live_1_2&key=abc&schedule=rtmp&pflag=1";

    @Test
    void bilibiliShapedKeyArrivesIntactAndNeverInTcUrlOrLogs() throws Exception {
        publishWithBilibiliKey("rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live-bvc/?streamKey=RAW(" + BILIBILI_KEY + ")",
                               "streamname=live_1_2&key=abc&schedule=rtmp&pflag=1");
    }

    /** The server URL and the key pasted one after the other, as OBS takes them: Camel orders the query's parameters by name. */
    @Test
    void bilibiliShapedKeyPastedAfterTheServerUrlIsTheStreamKey() throws Exception {
        publishWithBilibiliKey("rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live-bvc/" + BILIBILI_KEY,
                               "key=abc&pflag=1&schedule=rtmp&streamname=live_1_2");
    }

    private void publishWithBilibiliKey(String uri, String args) throws Exception {
        String key = BILIBILI_KEY;
        PrintStream stderr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(new TeeOutputStream(stderr, logged), true));
        CamelContext context;
        try {
            context = publishingContext(uri);
        } catch (Exception e) {
            System.setErr(stderr);
            throw e;
        }
        try {
            Endpoint endpoint = context.getEndpoints().stream().filter(RtmpEndpoint.class::isInstance).findFirst().orElseThrow();
            assertThat(endpoint.getEndpointUri()).doesNotContain("key=abc").contains("streamKey=xxxxxx");
            assertThat(endpoint.toString()).doesNotContain("key=abc");
            RtmpPublisher publisher = publisherOf(context);
            awaitUp(publisher, 10_000);
            try (Feeder feeder = new Feeder(context.createProducerTemplate(), "direct:av", clip, 4000)) {
                // FFmpeg's own RTMP client plays the stream back by the same name while it is live.
                Path log = work.resolve("play-bvc.log");
                String out = Proc.run(log, 60, List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-v", "error",
                                                       "-i", "rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live-bvc/" + key,
                                                       "-frames:v", "30", "-f", "null", "-"));
                assertThat(out).doesNotContain("non-existing PPS");
                feeder.join();
            }
        } finally {
            context.stop();
            System.setErr(stderr);
        }
        assertThat(logged.toString()).as("what this JVM logged, at debug level").contains("xxxxxx").doesNotContain("key=abc")
                .doesNotContain("live_1_2");
        String log = nginx.errorLog();
        assertThat(log).contains("publish: name='' args='" + args + "'");
        assertThat(log).containsPattern("connect: app='live-bvc' .*tc_url='rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live-bvc'");
    }

    @Test
    void rtmpsThroughTlsTerminatingNginx() throws Exception {
        RtmpPublisher publisher = publish("rtmps://127.0.0.1:" + nginx.rtmpsPort() + "/live/secure?trustAllCertificates=true", 4000);
        assertThat(publisher.droppedCount()).isZero();
        Map<String, Ffprobe.Stream> streams = Ffprobe.probe(work.resolve("probe-secure.log"), nginx.recording("secure").toString(), 60);
        assertThat(streams.get("video").width()).isEqualTo(TestClips.WIDTH);
        assertThat(streams.get("video").frames()).isGreaterThanOrEqualTo(90);
        assertThat(streams.get("audio").codecName()).isEqualTo("aac");
    }

    @Test
    void rtmpsRefusesAnUntrustedCertificateByDefault() throws Exception {
        CamelContext context = publishingContext("rtmps://127.0.0.1:" + nginx.rtmpsPort() + "/live/untrusted?reconnectDelay=60000");
        try {
            RtmpPublisher publisher = publisherOf(context);
            assertThat(awaitProblem(publisher, problem -> problem.toLowerCase(Locale.ROOT).contains("certificat")))
                    .containsIgnoringCase("certificat");
            assertThat(publisher.connection().isUp()).isFalse();
        } finally {
            context.stop();
        }
    }

    @Test
    void plainRtmpToAnRtmpsPortSaysSo() throws Exception {
        CamelContext context = publishingContext("rtmp://127.0.0.1:" + nginx.rtmpsPort() + "/live/plain?reconnectDelay=60000");
        try {
            RtmpPublisher publisher = publisherOf(context);
            String expected = "the server closed the connection before the RTMP session started (if it is an RTMPS port, use rtmps:)";
            assertThat(awaitProblem(publisher, expected::equals)).isEqualTo(expected);
        } finally {
            context.stop();
        }
    }

    /** The connection's problem once it is the one looked for, or after 10 s, whichever comes first. */
    private static String awaitProblem(RtmpPublisher publisher, Predicate<String> wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!wanted.test(publisher.connection().lastProblem()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        return publisher.connection().lastProblem();
    }

    /** nginx says the publish started, then its access rule closes the connection: each try waits twice as long. */
    @Test
    void aServerThatDropsThePublishAtOnceIsTriedEverMoreSlowly() throws Exception {
        CamelContext context = publishingContext("rtmp://127.0.0.1:" + nginx.rtmpPort() + "/deny/cam?reconnectDelay=500");
        try {
            RtmpPublisher publisher = publisherOf(context);
            Thread.sleep(6000);
            // Tries at 0, 0.5, 1.5 and 3.5 s, the next at 7.5 s; a delay starting over after each would have made a dozen.
            int tries = nginx.errorLog().split("connect: app='deny'", -1).length - 1;
            assertThat(tries).as(nginx.errorLog()).isBetween(3, 5);
            assertThat(publisher.connection().lastProblem()).matches("the server closed the connection \\d+ ms after the session started");
        } finally {
            context.stop();
        }
    }

    @Test
    void refusalCarriesTheServersReason() throws Exception {
        // FFmpeg holds the stream name; nginx must refuse a second publisher with BadName.
        try (Proc ffmpeg = Proc.start(work.resolve("hold-dup.log"),
                                      List.of(Peers.require("ffmpeg", "ffmpeg"), "-hide_banner", "-re", "-stream_loop", "-1", "-i",
                                              TestClips.flv().toString(), "-c", "copy", "-f", "flv",
                                              "rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live/dup"))) {
            Thread.sleep(1500);
            CamelContext context = publishingContext("rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live/dup?reconnectDelay=60000");
            try {
                RtmpPublisher publisher = publisherOf(context);
                long deadline = System.currentTimeMillis() + 10_000;
                while (publisher.refusal() == null && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                ProducerTemplate template = context.createProducerTemplate();
                assertThatThrownBy(() -> template.sendBody("direct:av", clip.get(0))).isInstanceOf(CamelExecutionException.class)
                        .cause().isInstanceOf(RtmpRefusedException.class)
                        .hasMessageContaining("NetStream.Publish.BadName").hasMessageContaining("Already publishing")
                        .hasMessageNotContaining("/dup");
                // One failed exchange per refused try: the frames after it are dropped and counted, not failed.
                long dropped = publisher.droppedCount();
                for (MediaPacket packet : clip.subList(1, 31)) {
                    template.sendBody("direct:av", packet);
                }
                assertThat(publisher.droppedCount() - dropped).isEqualTo(30);
                assertThat(publisher.connection().lastProblem()).contains("NetStream.Publish.BadName");
            } finally {
                context.stop();
            }
        }
    }

    @Test
    void resumesWithinFiveSecondsAfterNginxRestartsAndDecodesFromAKeyframe() throws Exception {
        CamelContext context = publishingContext("rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live/resume");
        try {
            RtmpPublisher publisher = publisherOf(context);
            awaitUp(publisher, 10_000);
            try (Feeder feeder = new Feeder(context.createProducerTemplate(), "direct:av", clip, 20_000)) {
                Thread.sleep(3000);
                nginx.kill();
                Files.deleteIfExists(nginx.recording("resume"));
                Thread.sleep(500);
                long droppedBefore = publisher.droppedCount();
                nginx.launch();
                long restarted = System.currentTimeMillis();
                awaitUp(publisher, 5000);
                long resumedAfter = System.currentTimeMillis() - restarted;
                Thread.sleep(4000);
                assertThat(publisher.droppedCount()).as("frames dropped while nginx was down").isGreaterThan(droppedBefore);
                assertThat(resumedAfter).isLessThanOrEqualTo(5000);
                assertThat(feeder.failure()).isNull();
            }
        } finally {
            context.stop();
        }
        Path recording = nginx.recording("resume");
        String frames = Proc.run(work.resolve("resume-frames.log"), 60,
                                 List.of(Peers.require("ffprobe", "ffmpeg"), "-v", "error", "-select_streams", "v",
                                         "-show_entries", "frame=key_frame", "-of", "csv=p=0", recording.toString()));
        List<String> keyFlags = frames.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
        assertThat(keyFlags).as("frames decoded after the restart").hasSizeGreaterThanOrEqualTo(60);
        assertThat(keyFlags.get(0)).as("the first frame after the restart is a keyframe").isEqualTo("1");
        assertThat(frames).doesNotContain("non-existing PPS").doesNotContain("error");
        assertThat(LeakWatch.rtmpThreads()).isEmpty();
    }

    @Test
    void aHungServerIsDetectedByTheWriteTimeoutAndTheRouteNeverBlocks() throws Exception {
        List<MediaPacket> big = TestClips.packets(TestClips.video(1920, 1080, 30, 10, 6_000_000), null, 30);
        CamelContext context = publishingContext("rtmp://127.0.0.1:" + nginx.rtmpPort()
                                                 + "/live/hung?writeTimeout=2000&connectTimeout=2000&reconnectDelay=500");
        try {
            RtmpPublisher publisher = publisherOf(context);
            awaitUp(publisher, 10_000);
            ProducerTemplate template = context.createProducerTemplate();
            nginx.freeze();
            try {
                long slowest = 0;
                long deadline = System.currentTimeMillis() + 20_000;
                int i = 0;
                while (publisher.connection().isUp() && System.currentTimeMillis() < deadline) {
                    MediaPacket p = big.get(i % big.size());
                    long t = System.nanoTime();
                    template.sendBody("direct:av", new MediaPacket(p.codec(), p.payload(), i * 33_333L, i * 33_333L, p.isKeyframe(),
                                                                   p.config()));
                    slowest = Math.max(slowest, System.nanoTime() - t);
                    i++;
                    Thread.sleep(5);
                }
                assertThat(publisher.connection().isUp()).as("the hung server was noticed").isFalse();
                assertThat(publisher.connection().lastProblem()).contains("no write completed within 2000 ms");
                assertThat(publisher.droppedCount()).as("frames dropped while the socket was full").isPositive();
                assertThat(slowest / 1_000_000).as("the longest a send took, ms").isLessThan(500);
            } finally {
                nginx.thaw();
            }
            awaitUp(publisher, 15_000);
        } finally {
            context.stop();
        }
    }

    /** Writes to two streams, so that a test can read what was logged and the log still shows it. */
    private static final class TeeOutputStream extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        TeeOutputStream(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
