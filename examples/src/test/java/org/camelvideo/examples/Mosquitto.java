package org.camelvideo.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.camelvideo.media.testing.Peers;

/** Debian's mosquitto broker on a free port of 127.0.0.1, anonymous, for one test. */
final class Mosquitto implements AutoCloseable {

    private final Process process;
    private final int port;

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Mosquitto start(Path dir) throws IOException, InterruptedException {
        int port = Peers.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        Process process = new ProcessBuilder(Peers.require("mosquitto", "mosquitto"), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        Peers.awaitListening(port, 10_000);
        return new Mosquitto(process, port);
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
