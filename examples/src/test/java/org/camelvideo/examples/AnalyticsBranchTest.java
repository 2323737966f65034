package org.camelvideo.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camelvideo.media.testing.Peers.ffprobeFrames;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.apache.camel.main.Main;
import org.camelvideo.camera.CameraConsumer;
import org.camelvideo.media.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 7, frames to analytics next to the live outputs: the example route, run by the main
 * job, serves the camera over RTSP and MJPEG to FFmpeg while a branch publishes two JPEGs a second
 * to mosquitto. With a broker that hangs, the live outputs keep the camera's pace.
 */
class AnalyticsBranchTest {

    private static final String ROUTE = "routes/live-with-analytics-branch.yaml";

    @TempDir
    Path dir;

    @Test
    void framesReachTheBrokerWhilePlayersWatch() throws Exception {
        try (Mosquitto mosquitto = Mosquitto.start(dir); MqttSubscriber subscriber = new MqttSubscriber(mosquitto.url(), "camera/frames")) {
            Main main = start(mosquitto.url());
            try {
                assertThat(ffprobeFrames("rtsp", "rtsp://127.0.0.1:" + main.getInitialProperties().get("hub.rtsp.port") + "/live", 30))
                        .isEqualTo("h264 640x480 30");
                assertThat(ffprobeFrames("mpjpeg", "http://127.0.0.1:" + main.getInitialProperties().get("hub.mjpeg.port") + "/live", 30))
                        .isEqualTo("mjpeg 640x480 30");
                Thread.sleep(1000);
            } finally {
                main.stop();
            }
            List<byte[]> frames = subscriber.payloads();
            // Two a second while the players read (at least a second each) and the one after.
            assertThat(frames).hasSizeGreaterThanOrEqualTo(4);
            for (byte[] jpeg : frames) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
                assertThat(image).isNotNull();
                assertThat(image.getWidth()).isEqualTo(640);
                assertThat(image.getHeight()).isEqualTo(480);
            }
            assertThat(frames.get(0)).isNotEqualTo(frames.get(1));
        }
    }

    @Test
    void aBrokerThatHangsCostsTheLiveOutputsNoFrame() throws Exception {
        try (HangingBroker broker = new HangingBroker()) {
            Main main = start("tcp://127.0.0.1:" + broker.port());
            try {
                String live = "rtsp://127.0.0.1:" + main.getInitialProperties().get("hub.rtsp.port") + "/live";
                // First a warm-up, in which the JIT compiles the route and the camera may drop a few frames anyway.
                assertThat(ffprobeFrames("rtsp", live, 30)).isEqualTo("h264 640x480 30");
                CameraConsumer camera = (CameraConsumer) main.getCamelContext().getRoute("live").getConsumer();
                long droppedBefore = camera.getDroppedVideoFrames();
                long deliveredBefore = camera.getDeliveredFrames();
                assertThat(ffprobeFrames("rtsp", live, 90)).isEqualTo("h264 640x480 90");
                // A route held up by the branch would fall behind the camera, which then drops frames (latest wins).
                long dropped = camera.getDroppedVideoFrames() - droppedBefore;
                long delivered = camera.getDeliveredFrames() - deliveredBefore;
                assertThat(dropped).as("frames dropped beside %d delivered", delivered).isLessThan(delivered / 10);
                assertThat(broker.connections()).as("the branch kept trying").isGreaterThanOrEqualTo(2);
            } finally {
                main.stop();
            }
        }
    }

    /**
     * Takes each TCP connection, says nothing, and hangs up after two seconds: an MQTT client
     * spends that long on every try, sixty times a frame interval.
     */
    private static final class HangingBroker implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final ScheduledExecutorService hangUps = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor = new Thread(this::accept, "hanging-broker");

        HangingBroker() throws IOException {
            acceptor.start();
        }

        private void accept() {
            try {
                while (true) {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    hangUps.schedule(() -> {
                        socket.close();
                        return null;
                    }, 2, TimeUnit.SECONDS);
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws Exception {
            server.close();
            acceptor.join();
            hangUps.shutdownNow();
        }
    }

    private static Main start(String broker) throws Exception {
        Main main = CamelVideoMain.create(ROUTE);
        main.addInitialProperty("mqtt.broker", broker);
        main.addInitialProperty("hub.rtsp.port", String.valueOf(Peers.freePort()));
        main.addInitialProperty("hub.mjpeg.port", String.valueOf(Peers.freePort()));
        main.start();
        return main;
    }
}
