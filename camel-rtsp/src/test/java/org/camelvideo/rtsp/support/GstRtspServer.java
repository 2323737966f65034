package org.camelvideo.rtsp.support;

import org.camelvideo.media.testing.Peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.test.AvailablePortFinder;

/** GStreamer's RTSP server (benchmarks/gst/gst_rtsp_server.py) serving a clip on a free port. */
public final class GstRtspServer implements AutoCloseable {

    public static final Path SCRIPT = Path.of("..", "benchmarks", "gst", "gst_rtsp_server.py");

    public final int port;
    public final String url;
    private final Proc proc;

    public GstRtspServer(Path clip, String... credentials) throws InterruptedException {
        this(clip, AvailablePortFinder.getNextAvailable(), credentials);
    }

    /** On a given port: to bring a server back where a client expects it. */
    public GstRtspServer(Path clip, int port, String... credentials) throws InterruptedException {
        this.port = port;
        if (!Files.exists(SCRIPT)) {
            throw new AssertionError("Missing " + SCRIPT.toAbsolutePath());
        }
        url = "rtsp://127.0.0.1:" + port + "/test";
        List<String> cmd = new ArrayList<>(List.of(Peers.python(), SCRIPT.toString(), Integer.toString(port), "/test",
                                                   clip.toString(), Integer.toString(Clip.FPS)));
        cmd.addAll(List.of(credentials));
        proc = Proc.start(cmd);
        if (!proc.awaitOutput("READY", 20_000)) {
            proc.close();
            throw new AssertionError("GStreamer's RTSP server did not start: " + proc.output());
        }
    }

    public Proc proc() {
        return proc;
    }

    @Override
    public void close() {
        proc.close();
    }
}
