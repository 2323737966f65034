package org.camelvideo.mjpeg.client;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.mjpeg.Await;
import org.camelvideo.mjpeg.CapturedLog;
import org.camelvideo.mjpeg.FramePump;
import org.camelvideo.mjpeg.FreePort;
import org.camelvideo.mjpeg.Jpegs;
import org.camelvideo.mjpeg.MjpegConsumer;
import org.camelvideo.mjpeg.MjpegThreads;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.mjpeg.TestJpegs;
import org.camelvideo.mjpeg.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The consumer reads our own server and FFmpeg's, through auth, outages and oversized parts. */
class MjpegConsumerTest {

    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final List<CamelContext> contexts = new ArrayList<>();

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
    }

    private CamelContext server(int port, String options) throws Exception {
        CamelContext context = TestServer.start("mjpeg://127.0.0.1:" + port + "/stream" + options);
        contexts.add(context);
        return context;
    }

    private CamelContext client(String uri) throws Exception {
        CamelContext context = new DefaultCamelContext();
        // what Camel Main does with camel.health.consumersEnabled
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        health.register(health.resolveById("consumers"));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("client").process(e -> received.add(e.getMessage().copy()));
            }
        });
        context.start();
        contexts.add(context);
        return context;
    }

    private List<Message> take(int n, int seconds) throws InterruptedException {
        List<Message> messages = new ArrayList<>();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (messages.size() < n) {
            Message m = received.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                break;
            }
            messages.add(m);
        }
        assertThat(messages).as("pictures received within %d s", seconds).hasSize(n);
        return messages;
    }

    /** The route's health as Camel's health check registry reports it. */
    private static HealthCheck.State health(CamelContext context) {
        return HealthCheckHelper.invoke(context).stream()
                .filter(r -> r.getCheck().getId().equals("consumer:client")).findFirst().orElseThrow().getState();
    }

    private static MjpegConsumer consumer(CamelContext context) {
        return (MjpegConsumer) context.getRoute("client").getConsumer();
    }

    @Test
    void readsOurServerAndEveryPictureDecodes() throws Exception {
        List<byte[]> frames = TestJpegs.frames(640, 480);
        int port = FreePort.find();
        CamelContext server = server(port, "");
        client("mjpeg:http://127.0.0.1:" + port + "/stream");
        try (FramePump pump = new FramePump(server.createProducerTemplate(), "direct:in", frames, 30, 30)) {
            List<Message> messages = take(30, 20);
            for (Message m : messages) {
                byte[] jpeg = m.getBody(byte[].class);
                assertThat(frames).anySatisfy(f -> assertThat(f).isEqualTo(jpeg));
                BufferedImage image = Jpegs.decode(jpeg);
                assertThat(image.getWidth()).isEqualTo(640);
                assertThat(m.getHeader(MediaHeaders.WIDTH)).isEqualTo(640);
                assertThat(m.getHeader(MediaHeaders.HEIGHT)).isEqualTo(480);
                assertThat(m.getHeader("Content-Type")).isEqualTo("image/jpeg");
                assertThat(m.getHeader(MediaHeaders.CODEC)).isEqualTo(Codec.JPEG);
                assertThat(m.getHeader(MediaHeaders.TIMESTAMP, Long.class)).isPositive();
            }
            assertThat(messages.get(29).getHeader(MediaHeaders.SEQUENCE, Long.class))
                    .isGreaterThan(messages.get(0).getHeader(MediaHeaders.SEQUENCE, Long.class));
        }
    }

    @Test
    void readsFfmpegsOwnMjpegServer() throws Exception {
        int port = FreePort.find();
        Process p = ffmpegMjpegServer(port, 20);
        try {
            // ffmpeg needs a moment to listen: the consumer's reconnection covers it
            client("mjpeg:http://127.0.0.1:" + port + "/x?reconnectDelay=100&maxReconnectDelay=500");
            List<Message> messages = take(60, 30);
            for (Message m : messages) {
                BufferedImage image = Jpegs.decode(m.getBody(byte[].class));
                assertThat(image.getWidth()).isEqualTo(320);
                assertThat(image.getHeight()).isEqualTo(240);
            }
            assertThat(consumer(contexts.get(0)).getPartsDropped()).isZero();
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSlowRouteGetsTheNewestPictureWhileTheConnectionKeepsTheCamerasPace() throws Exception {
        int port = FreePort.find();
        Process p = ffmpegMjpegServer(port, 20);
        try {
            // Each: the picture's place in the stream, and how many the connection had received by then.
            List<long[]> seen = Collections.synchronizedList(new ArrayList<>());
            CamelContext context = new DefaultCamelContext();
            contexts.add(context);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("mjpeg:http://127.0.0.1:" + port + "/x?reconnectDelay=100&maxReconnectDelay=500").routeId("client")
                            .process(e -> {
                                seen.add(new long[] { e.getMessage().getHeader(MediaHeaders.SEQUENCE, Long.class),
                                                      consumer(e.getContext()).getPartsReceived() });
                                Thread.sleep(250);
                            });
                }
            });
            context.start();
            Await.until(20, "12 pictures through the slow route", () -> seen.size() >= 12);
            MjpegConsumer consumer = consumer(context);
            List<long[]> routed = List.copyOf(seen);
            // The camera sends 30 a second, the route takes 4: the connection did not wait for the route.
            assertThat(consumer.getPartsReceived()).isGreaterThan(4L * routed.size());
            assertThat(consumer.getPartsSkipped()).isGreaterThan(2L * routed.size());
            // Each picture the route got was the newest the connection had, not one queued behind others.
            for (long[] picture : routed.subList(1, routed.size())) {
                assertThat(picture[1] - 1 - picture[0]).as("pictures received after the one routed").isBetween(0L, 2L);
            }
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** FFmpeg's own HTTP server sending a 320x240 30 fps MJPEG stream at /x to one client, for {@code seconds}. */
    private static Process ffmpegMjpegServer(int port, int seconds) throws IOException {
        return new ProcessBuilder(Peers.ffmpeg(), "-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f", "lavfi", "-i",
                "testsrc2=size=320x240:rate=30", "-t", String.valueOf(seconds), "-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg",
                "-listen", "1", "http://127.0.0.1:" + port + "/x").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void learnsTheBoundaryFromTheStreamWhenTheCamerasContentTypeHasNone(@TempDir Path dir) throws Exception {
        List<byte[]> frames = TestJpegs.frames(320, 240).subList(0, 10);
        int port = FreePort.find();
        try (PythonCamera camera = new PythonCamera(dir, port, "multipart/x-mixed-replace", 0, frames)) {
            CamelContext client = client("mjpeg:http://127.0.0.1:" + port + "/video");
            List<byte[]> pictures = take(30, 20).stream().map(m -> m.getBody(byte[].class)).toList();
            // three rounds of the camera's ten: the pictures without Content-Length came through too
            assertThat(frames).allSatisfy(f -> assertThat(pictures).anySatisfy(p -> assertThat(p).isEqualTo(f)));
            for (byte[] p : pictures) {
                assertThat(Jpegs.decode(p).getWidth()).isEqualTo(320);
            }
            assertThat(consumer(client).getPartsDropped()).isZero();
            assertThat(consumer(client).getLastError()).isNull();
        }
    }

    @Test
    void saysTheCameraClosedTheConnection(@TempDir Path dir) throws Exception {
        int port = FreePort.find();
        CapturedLog log = new CapturedLog();
        try (log; PythonCamera camera = new PythonCamera(dir, port, "multipart/x-mixed-replace; boundary=myboundary", 3,
                TestJpegs.frames(320, 240).subList(0, 3))) {
            CamelContext client = client("mjpeg:http://127.0.0.1:" + port + "/video?reconnectDelay=30000");
            Await.until(10, "the camera's close noticed", () -> log.text().contains("; retrying in 30000 ms"));
            assertThat(log.text()).contains("MJPEG camera http://127.0.0.1:" + port
                    + "/video: the camera closed the connection; retrying in 30000 ms");
            assertThat(consumer(client).getPartsReceived()).isEqualTo(3);
            assertThat(consumer(client).getLastError()).isEqualTo("the camera closed the connection");
            assertThat(consumer(client).getHealthCheck().call().getMessage().orElseThrow())
                    .endsWith(": the camera closed the connection");
        }
    }

    @Test
    void sendsBasicCredentialsAndSaysWhenTheyAreRefused() throws Exception {
        List<byte[]> frames = TestJpegs.frames(320, 240);
        int port = FreePort.find();
        CamelContext server = server(port, "?username=cam&password=Pw-4-Camera");
        CapturedLog log = new CapturedLog();
        try (log; FramePump pump = new FramePump(server.createProducerTemplate(), "direct:in", frames, 30, 30)) {
            CamelContext wrong = client("mjpeg:http://127.0.0.1:" + port + "/stream?username=cam&password=Wrong-Pw-9&reconnectDelay=200");
            Await.until(10, "the refusal noticed", () -> consumer(wrong).getLastError() != null);
            assertThat(consumer(wrong).getLastError()).isEqualTo("the camera refused the credentials (401): check username and password");
            assertThat(received).isEmpty();
            wrong.stop();

            client("mjpeg:http://cam:Pw-4-Camera@127.0.0.1:" + port + "/stream");
            Jpegs.decode(take(5, 10).get(4).getBody(byte[].class));
            received.clear();
            client("mjpeg:http://127.0.0.1:" + port + "/stream?username=cam&password=Pw-4-Camera");
            Jpegs.decode(take(5, 10).get(4).getBody(byte[].class));
        }
        assertThat(log.text()).contains("refused the credentials", "Started client")
                .doesNotContain("Pw-4-Camera").doesNotContain("Wrong-Pw-9");
    }

    @Test
    void wrongUrlsGetAnErrorThatSaysWhatCameBack() throws Exception {
        int port = FreePort.find();
        CamelContext server = server(port, "");
        server.createProducerTemplate().sendBody("direct:in", TestJpegs.frames(320, 240).get(0));
        String base = "mjpeg:http://127.0.0.1:" + port;
        assertThat(lastErrorOf(base + "/nothing")).isEqualTo("the camera answered 404 Not Found");
        assertThat(lastErrorOf(base + "/")).startsWith("the camera answered text/html; charset=utf-8, not a multipart JPEG stream");
        assertThat(lastErrorOf(base + "/stream.jpg")).startsWith("the camera answered image/jpeg, not a multipart JPEG stream");
        assertThat(received).isEmpty();
    }

    private String lastErrorOf(String uri) throws Exception {
        CamelContext client = client(uri + "?reconnectDelay=5000");
        try {
            Await.until(10, "an error from " + uri, () -> consumer(client).getLastError() != null);
            return consumer(client).getLastError();
        } finally {
            client.stop();
        }
    }

    @Test
    void noClientThreadIsLeftAfterTheRouteStops() throws Exception {
        int port = FreePort.find();
        CamelContext server = server(port, "");
        server.createProducerTemplate().sendBody("direct:in", TestJpegs.frames(320, 240).get(0));
        CamelContext client = client("mjpeg:http://127.0.0.1:" + port + "/stream");
        take(1, 10);
        client.getRouteController().stopRoute("client");
        server.stop();
        Await.until(5, "no mjpeg thread left: " + MjpegThreads.alive(), () -> MjpegThreads.alive().isEmpty());
    }

    @Test
    void reconnectsWhenTheServerComesBack() throws Exception {
        List<byte[]> frames = TestJpegs.frames(320, 240);
        int port = FreePort.find();
        CamelContext client = client("mjpeg:http://127.0.0.1:" + port + "/stream?reconnectDelay=100&maxReconnectDelay=400");
        Await.until(10, "the unreachable server noticed", () -> consumer(client).getLastError() != null);
        assertThat(consumer(client).getLastError()).contains("cannot connect");
        assertThat(consumer(client).isReceiving()).isFalse();
        assertThat(health(client)).isEqualTo(HealthCheck.State.DOWN);
        assertThat(consumer(client).getHealthCheck().call().getMessage().orElseThrow()).contains("cannot connect");

        CamelContext server = server(port, "");
        try (FramePump pump = new FramePump(server.createProducerTemplate(), "direct:in", frames, 30, 30)) {
            take(10, 10);
            assertThat(consumer(client).isReceiving()).isTrue();
            assertThat(health(client)).isEqualTo(HealthCheck.State.UP);
            server.getRouteController().stopRoute("server");
            Await.until(10, "the outage noticed", () -> !consumer(client).isReceiving());
            assertThat(health(client)).isEqualTo(HealthCheck.State.DOWN);
            server.getRouteController().startRoute("server");
            received.clear();
            List<Message> again = take(10, 10);
            Jpegs.decode(again.get(9).getBody(byte[].class));
            assertThat(consumer(client).isReceiving()).isTrue();
        }
    }

    @Test
    void oversizedPartsAreCountedDropsAndTheStreamGoesOn() throws Exception {
        List<byte[]> big = TestJpegs.frames(640, 480);
        List<byte[]> small = TestJpegs.frames(320, 240);
        int smallest = big.stream().mapToInt(b -> b.length).min().orElseThrow();
        int max = small.stream().mapToInt(b -> b.length).max().orElseThrow();
        assertThat(max).isLessThan(smallest);
        List<byte[]> mixed = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            mixed.add(i % 2 == 0 ? big.get(i) : small.get(i));
        }
        int port = FreePort.find();
        CamelContext server = server(port, "");
        CamelContext client = client("mjpeg:http://127.0.0.1:" + port + "/stream?maxFrameSize=" + max);
        try (FramePump pump = new FramePump(server.createProducerTemplate(), "direct:in", mixed, 30, 30)) {
            for (Message m : take(20, 15)) {
                assertThat(Jpegs.decode(m.getBody(byte[].class)).getWidth()).isEqualTo(320);
            }
            assertThat(consumer(client).getPartsDropped()).isGreaterThanOrEqualTo(10);
            assertThat(consumer(client).isReceiving()).isTrue();
        }
    }
}
