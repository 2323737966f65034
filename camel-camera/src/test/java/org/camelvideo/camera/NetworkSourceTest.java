package org.camelvideo.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        http.createContext("/cam", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "multipart/x-mixed-replace;boundary=frame");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(("--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(jpeg);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(40);
                }
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
        byte[] jpeg = FrameConverters.toJpeg(new VideoFrame(160, 120, PixelFormat.I420,
                                                            new byte[PixelFormat.I420.frameSize(160, 120)], 0, 0), null);
        server = serve(0, jpeg);
        int port = server.getAddress().getPort();
        List<Object> frames = new CopyOnWriteArrayList<>();
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:http://127.0.0.1:" + port + "/cam?inputFormat=mpjpeg&reconnectDelay=200&maxReconnectDelay=400")
                        .routeId("cam").process(e -> frames.add(e.getMessage().getBody()));
            }
        });
        context.start();
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
}
