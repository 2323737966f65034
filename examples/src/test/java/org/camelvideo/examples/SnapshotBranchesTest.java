package org.camelvideo.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import com.sun.net.httpserver.HttpServer;
import com.hivemq.embedded.EmbeddedHiveMQ;
import org.apache.camel.main.Main;
import org.camelvideo.media.testing.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4, "send images to a server": the example routes, run by the main job, POST a JPEG a
 * second to a real HTTP server (the JDK's) and publish it to a real MQTT broker (mosquitto, and
 * HiveMQ CE embedded). Both receivers get the same bytes, and they decode as the camera's picture.
 */
class SnapshotBranchesTest {

    private static final String TOPIC = "camera/snapshots";

    @TempDir
    Path dir;

    private HttpServer http;
    private final List<byte[]> posted = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private Mosquitto mosquitto;
    private EmbeddedHiveMQ hivemq;
    private MqttSubscriber subscriber;

    @BeforeEach
    void startHttpServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/upload", exchange -> {
            posted.add(exchange.getRequestBody().readAllBytes());
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type") + " " + exchange.getRequestMethod());
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        http.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (subscriber != null) {
            subscriber.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
        if (hivemq != null) {
            hivemq.stop().join();
            hivemq.close();
        }
        http.stop(0);
    }

    @Test
    void javaRoutePostsAndPublishesThroughMosquitto() throws Exception {
        mosquitto = Mosquitto.start(dir);
        runAndCheck(mosquitto.port(), "org.camelvideo.examples.SnapshotUploads");
    }

    @Test
    void yamlRoutePostsAndPublishesThroughAnEmbeddedBroker() throws Exception {
        int port = Peers.freePort();
        Path conf = Files.createDirectories(dir.resolve("hivemq-conf"));
        Files.writeString(conf.resolve("config.xml"), "<hivemq><listeners><tcp-listener><port>" + port
                                                      + "</port><bind-address>127.0.0.1</bind-address></tcp-listener>"
                                                      + "</listeners></hivemq>");
        hivemq = EmbeddedHiveMQ.builder().withConfigurationFolder(conf)
                .withDataFolder(Files.createDirectories(dir.resolve("hivemq-data")))
                .withExtensionsFolder(Files.createDirectories(dir.resolve("hivemq-extensions"))).build();
        hivemq.start().join();
        runAndCheck(port, "routes/snapshots-to-http-and-mqtt.yaml");
    }

    private void runAndCheck(int mqttPort, String route) throws Exception {
        String broker = "tcp://127.0.0.1:" + mqttPort;
        subscriber = new MqttSubscriber(broker, TOPIC);

        Main main = CamelVideoMain.create(route);
        main.addInitialProperty("upload.url", "http://127.0.0.1:" + http.getAddress().getPort() + "/upload");
        main.addInitialProperty("mqtt.broker", broker);
        main.start();
        try {
            Thread.sleep(3500);
        } finally {
            main.stop();
        }
        Thread.sleep(300);

        // One a second for 3.5 s: the first frame at once, then every second.
        assertThat(posted).hasSizeBetween(3, 5);
        assertThat(contentTypes).allMatch(t -> t.equals("image/jpeg POST"));
        List<byte[]> published = subscriber.payloads();
        assertThat(published).hasSameSizeAs(posted);
        for (int i = 0; i < posted.size(); i++) {
            assertThat(published.get(i)).as("MQTT payload %d is the JPEG that was POSTed", i).isEqualTo(posted.get(i));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(posted.get(i)));
            assertThat(image).as("snapshot %d decodes", i).isNotNull();
            assertThat(image.getWidth()).isEqualTo(640);
            assertThat(image.getHeight()).isEqualTo(480);
        }
        assertThat(posted.get(0)).isNotEqualTo(posted.get(1));
    }
}
