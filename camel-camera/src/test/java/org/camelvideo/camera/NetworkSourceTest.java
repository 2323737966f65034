package org.camelvideo.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.camelvideo.jpeg.FrameConverters;
import org.camelvideo.media.PixelFormat;
import org.camelvideo.media.VideoFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A network camera that goes away and comes back: FFmpeg's HTTP client and mpjpeg demuxer read an
 * endless multipart JPEG stream from a real HTTP server; when the server stops, the source is
 * DOWN with the reason, and capture resumes by itself once the server is back on its port.
 */
class NetworkSourceTest {

    private CamelContext context;
    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private HttpServer serve(int port, byte[] jpeg) throws IOException {
        return serve(port, jpeg, Integer.MAX_VALUE, 40);
    }

    /**
     * An MJPEG camera: a picture every {@code intervalMillis} on each connection; after
     * {@code frames} of them it freezes, its connection left open, as a hung camera does.
     */
    private HttpServer serve(int port, byte[] jpeg, int frames, long intervalMillis) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        http.setExecutor(Executors.newCachedThreadPool());
        http.createContext("/cam", exchange -> {
            queries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
            exchange.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace;boundary=frame");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < frames; i++) {
                    out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(jpeg);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(intervalMillis);
                }
                Thread.sleep(60_000);
            } catch (IOException | InterruptedException e) {
                // The reader or the server went away.
            }
        });
        http.start();
        return http;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void droppedStreamIsDownThenRecoversWhenTheServerComesBack() throws Exception {
        byte[] jpeg = jpeg();
        server = serve(0, jpeg);
        int port = server.getAddress().getPort();
        List<Object> frames = capture("http://127.0.0.1:" + port + "/cam?inputFormat=mpjpeg&reconnectDelay=200&maxReconnectDelay=400");
        CameraConsumer consumer = (CameraConsumer) context.getRoute("cam").getConsumer();
        await(() -> frames.size() >= 10, "frames from the network camera");
        assertThat(((VideoFrame) frames.get(0)).width()).isEqualTo(160);
        assertThat(consumer.getHealthCheck().call().getState()).isEqualTo(HealthCheck.State.UP);

        server.stop(0);
        await(() -> consumer.getHealthCheck().call().getState() == HealthCheck.State.DOWN, "health DOWN");
        assertThat(consumer.getHealthCheck().call().getMessage().orElseThrow())
                .startsWith("camera source http://127.0.0.1:" + port + "/cam: ");

        server = serve(port, jpeg);
        int before = frames.size();
        await(() -> frames.size() >= before + 10, "frames after the camera came back");
        assertThat(consumer.getHealthCheck().call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    /** Starts route "cam" from {@code camera:SOURCE}; returns what it receives. */
    private List<Object> capture(String source) throws Exception {
        List<Object> frames = new CopyOnWriteArrayList<>();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:" + source).routeId("cam").process(e -> frames.add(e.getMessage().getBody()));
            }
        });
        context.start();
        return frames;
    }

    private static byte[] jpeg() {
        return FrameConverters.toJpeg(new VideoFrame(160, 120, PixelFormat.I420, new byte[PixelFormat.I420.frameSize(160, 120)], 0, 0),
                                      null);
    }

    /**
     * A camera that freezes after ten pictures, its connection open: FFmpeg alone would wait on it
     * forever. It is given up after the read timeout, DOWN with the reason, and reopened; the
     * frames' timestamps go on across the reopen, at the camera's own 10 a second.
     */
    @Test
    void aCameraThatFreezesIsGivenUpAndReopenedItsFramesTimedAsTheyCame() throws Exception {
        server = serve(0, jpeg(), 10, 100);
        int port = server.getAddress().getPort();
        List<VideoFrame> frames = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:http://127.0.0.1:" + port + "/cam?readTimeout=1000&reconnectDelay=200").routeId("cam")
                        .process(e -> {
                            arrivals.add(System.nanoTime());
                            frames.add(e.getMessage().getBody(VideoFrame.class));
                        });
            }
        });
        context.start();
        CameraConsumer consumer = (CameraConsumer) context.getRoute("cam").getConsumer();
        await(() -> {
            consumer.getHealthCheck().call().getMessage().ifPresent(problems::add);
            return frames.size() >= 20;
        }, "pictures from two connections");
        assertThat(problems).contains("camera source http://127.0.0.1:" + port + "/cam: nothing received for 1000 ms");
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < 20; i++) {
            gaps.add(frames.get(i).ptsMicros() - frames.get(i - 1).ptsMicros());
        }
        assertThat(gaps).as("times from picture to picture").allMatch(gap -> gap > 0);
        // Timed as they came: the twenty pictures span the time the route took to get them, freeze and reopen included.
        long spanMicros = frames.get(19).ptsMicros() - frames.get(0).ptsMicros();
        long receivedMicros = TimeUnit.NANOSECONDS.toMicros(arrivals.get(19) - arrivals.get(0));
        assertThat(spanMicros).as("pictures' time span beside the %d us they took to come, gaps %s", receivedMicros, gaps)
                .isBetween(receivedMicros - 500_000, receivedMicros + 500_000);
    }

    /**
     * A server that takes the connection and never answers: the opening is given up after the
     * read timeout, by each of twelve cameras at once (FFmpeg asks every source through one
     * callback; JavaCPP has room for ten of a kind).
     */
    @Test
    void serversThatNeverAnswerAreDownWithTheReasonForEveryCamera() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            acceptor.start();
            context = new DefaultCamelContext();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int i = 0; i < 12; i++) {
                        from("camera:rtsp://127.0.0.1:" + silent.getLocalPort() + "/stream" + i + "?readTimeout=1000&reconnectDelay=5000")
                                .routeId("cam" + i).to("log:frames");
                    }
                }
            });
            context.start();
            for (int i = 0; i < 12; i++) {
                CameraConsumer consumer = (CameraConsumer) context.getRoute("cam" + i).getConsumer();
                await(() -> consumer.getHealthCheck().call().getState() == HealthCheck.State.DOWN, "health DOWN");
                assertThat(consumer.getHealthCheck().call().getMessage().orElseThrow())
                        .isEqualTo("camera source rtsp://127.0.0.1:" + silent.getLocalPort() + "/stream" + i + ": no answer within 1000 ms");
            }
            long stopping = System.nanoTime();
            context.stop();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping)).as("stopping twelve cameras").isLessThan(5000);
            assertThat(held).hasSizeGreaterThanOrEqualTo(12);
        }
    }

    /** A camera URL's own query (Dahua's realmonitor?channel=1&subtype=0) reaches the camera beside the endpoint's options. */
    @Test
    void theCameraUrlKeepsItsOwnQuery() throws Exception {
        server = serve(0, jpeg());
        int port = server.getAddress().getPort();
        List<Object> frames = capture("http://127.0.0.1:" + port + "/cam?subtype=0&channel=1&reconnectDelay=200");
        await(() -> frames.size() >= 5, "frames from the camera");
        assertThat(queries).contains("channel=1&subtype=0");
        assertThat(((CameraEndpoint) context.getRoute("cam").getEndpoint()).getReconnectDelay()).isEqualTo(200);
    }
}
