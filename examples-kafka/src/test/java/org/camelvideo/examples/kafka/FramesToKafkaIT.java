package org.camelvideo.examples.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.camelvideo.media.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 7 with Kafka: the packaged main job runs {@code examples/routes/frames-to-kafka.yaml}
 * against Apache Kafka's own broker. FFmpeg plays the live RTSP stream while JPEGs of the camera's
 * size reach the topic, keyed by the camera's name; with the broker stopped the live stream plays
 * on, with the broker back the frames flow again, and SIGTERM still ends the job in seconds.
 */
class FramesToKafkaIT {

    private static final Path MAIN_JOB = Path.of("../examples/target/camel-video.jar").toAbsolutePath().normalize();
    private static final Path ROUTE = Path.of("../examples/routes/frames-to-kafka.yaml").toAbsolutePath().normalize();
    private static final String TOPIC = "camera-frames";
    private static final String GAVE_UP = "WARN analytics - analytics frame not delivered to Kafka: ";

    @TempDir
    Path dir;
    /** Kept in target/ for a failure's reader. */
    private Path jobLog;

    @Test
    void framesReachKafkaBesideTheLiveStreamAndOutliveABrokerRestart() throws Exception {
        assertThat(MAIN_JOB).as("the main job is packaged (./mvnw package)").exists();
        Path brokerDir = Files.createDirectory(dir.resolve("broker"));
        jobLog = Files.createTempFile(Path.of("target"), "frames-to-kafka-", ".log");
        try (KafkaBroker broker = KafkaBroker.start(brokerDir); KafkaConsumer<String, byte[]> consumer = consumer(broker.brokers())) {
            int rtspPort = Peers.freePort();
            String live = "rtsp://127.0.0.1:" + rtspPort + "/live";
            Process job = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Dkafka.brokers=" + broker.brokers(),
                                             "-Dhub.rtsp.port=" + rtspPort, "-Dcamera.name=gate-2", "-Dio.netty.leakDetection.level=PARANOID",
                                             "-jar", MAIN_JOB.toString(), ROUTE.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(jobLog.toFile()).start();
            int beforeOutage;
            try {
                Peers.awaitListening(rtspPort, 60_000);
                assertThat(Peers.ffprobeFrames("rtsp", live, 30)).as(log()).isEqualTo("h264 640x480 30");
                List<ConsumerRecord<String, byte[]>> frames = poll(consumer, 4);
                assertThat(frames).as(log()).hasSizeGreaterThanOrEqualTo(4);
                for (ConsumerRecord<String, byte[]> frame : frames) {
                    assertThat(frame.key()).isEqualTo("gate-2");
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(frame.value()));
                    assertThat(image).isNotNull();
                    assertThat(image.getWidth()).isEqualTo(640);
                    assertThat(image.getHeight()).isEqualTo(480);
                }
                assertThat(frames.get(0).value()).isNotEqualTo(frames.get(1).value());

                beforeOutage = log().length();
                broker.stop();
                // The branch's records now wait for a broker that is gone; the live stream does not.
                assertThat(Peers.ffprobeFrames("rtsp", live, 90)).as(log()).isEqualTo("h264 640x480 90");
                // Out until the producer has given up on a record (deliveryTimeoutMs, 6 s), which the route logs in one line.
                long deadline = System.currentTimeMillis() + 20_000;
                while (!log().substring(beforeOutage).contains(GAVE_UP) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                broker.run();
                assertThat(poll(consumer, 2)).as("frames after the broker is back\n" + log()).hasSizeGreaterThanOrEqualTo(2);
            } finally {
                job.destroy();
            }
            long stopping = System.nanoTime();
            assertThat(job.waitFor(20, TimeUnit.SECONDS)).as("the job ends on SIGTERM\n" + log()).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - stopping)).isLessThan(15);
            assertThat(job.exitValue()).isEqualTo(143);
            String output = log();
            assertThat(output.substring(0, beforeOutage)).doesNotContain(" ERROR ").doesNotContain("Exception");
            assertThat(output.substring(beforeOutage)).contains(GAVE_UP)
                    .doesNotContain(" ERROR ").doesNotContain("Stacktrace");
            assertThat(output).doesNotContain("LEAK:").doesNotContain("key=").contains("Apache Camel 4.17.0 (camel-video) shutdown in");
            assertThat(Peers.listening(rtspPort)).isFalse();
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String brokers) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                                                                            ConsumerConfig.GROUP_ID_CONFIG, "detector-" + UUID.randomUUID(),
                                                                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                                                                     new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    /** The records that come within 30 s, returned as soon as there are {@code wanted}. */
    private static List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> consumer, int wanted) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (records.size() < wanted && System.currentTimeMillis() < deadline) {
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private String log() throws IOException {
        return Files.readString(jobLog);
    }
}
