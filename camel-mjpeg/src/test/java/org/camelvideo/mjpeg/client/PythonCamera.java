package org.camelvideo.mjpeg.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.camelvideo.media.testing.Peers;

/**
 * A camera played by {@code camera.py} on python3's http.server, listening on 127.0.0.1 once
 * constructed. The script says what it sends.
 */
final class PythonCamera implements AutoCloseable {

    private final Process process;

    /**
     * @param dir      where the pictures are written for the script to read
     * @param parts    how many parts each connection gets before the camera closes it, 0 for no end
     * @param pictures the JPEGs sent in turn
     */
    PythonCamera(Path dir, int port, String contentType, int parts, List<byte[]> pictures) throws Exception {
        Path script = Path.of(PythonCamera.class.getResource("camera.py").toURI());
        List<String> command = new ArrayList<>(List.of(Peers.require("python3", "python3"), script.toString(),
                String.valueOf(port), contentType, String.valueOf(parts)));
        for (int i = 0; i < pictures.size(); i++) {
            command.add(Files.write(dir.resolve("picture" + i + ".jpg"), pictures.get(i)).toString());
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        Peers.awaitListening(port, 10_000);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
