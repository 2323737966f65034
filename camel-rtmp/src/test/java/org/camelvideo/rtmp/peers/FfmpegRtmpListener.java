package org.camelvideo.rtmp.peers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.camelvideo.media.testing.Peers;

/** An ffmpeg program in RTMP server mode ({@code -listen 1}) that records what is published to it as FLV. */
public final class FfmpegRtmpListener {

    private FfmpegRtmpListener() {
    }

    /**
     * Starts {@code ffmpeg} listening on rtmp://127.0.0.1:port/streamPath, and returns once the
     * port is open, so a publisher can connect at once.
     */
    public static Proc start(String ffmpeg, Path log, int port, String streamPath, Path out)
            throws IOException, InterruptedException {
        Proc listener = Proc.start(log, List.of(ffmpeg, "-hide_banner", "-y", "-listen", "1", "-i",
                                                "rtmp://127.0.0.1:" + port + "/" + streamPath, "-c", "copy", "-f", "flv",
                                                out.toString()));
        Peers.awaitListening(port, 10_000);
        return listener;
    }
}
