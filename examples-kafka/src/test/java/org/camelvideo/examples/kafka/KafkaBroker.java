package org.camelvideo.examples.kafka;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;
import org.camelvideo.media.testing.Peers;

/**
 * A real Kafka broker, Apache Kafka's own server in KRaft mode (one node, broker and controller),
 * in a JVM of its own on this module's runtime scope, listening on 127.0.0.1. Its log is
 * {@code broker.log} in its directory.
 */
final class KafkaBroker implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    private KafkaBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static KafkaBroker start(Path dir) throws IOException, InterruptedException {
        KafkaBroker broker = new KafkaBroker(dir, Peers.freePort());
        broker.format();
        broker.run();
        return broker;
    }

    /** {@code host:port}, what a client's {@code bootstrap.servers} names. */
    String brokers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker as an administrator does (SIGTERM), its data kept; {@link #run} starts it again. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("broker.log"));
    }

    private void format() throws IOException, InterruptedException {
        int controllerPort = Peers.freePort();
        Files.writeString(dir.resolve("server.properties"), String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "controller.listener.names=CONTROLLER",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0", ""));
        Process storageTool = java("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                                   dir.resolve("server.properties").toString());
        if (!storageTool.waitFor(60, TimeUnit.SECONDS) || storageTool.exitValue() != 0) {
            storageTool.destroyForcibly();
            throw new IllegalStateException("kafka-storage format failed:\n" + log());
        }
    }

    void run() throws IOException, InterruptedException {
        process = java("kafka.Kafka", dir.resolve("server.properties").toString());
        long deadline = System.currentTimeMillis() + 90_000;
        while (!Peers.listening(port)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the Kafka broker did not open port " + port + ":\n" + log());
            }
            Thread.sleep(200);
        }
    }

    private Process java(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                                                                 "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classPath(),
                                                                 mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
    }

    private static String classPath() throws IOException {
        Path file = Path.of("target/kafka-broker.classpath");
        String classPath = Files.readString(file).trim();
        if (classPath.isEmpty() || !classPath.contains(File.separator + "kafka_2.13-")) {
            throw new IllegalStateException(file + " does not name the Kafka broker's jars");
        }
        return classPath;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
