package org.camelvideo.mjpeg.server;

import java.util.List;

import org.apache.camel.CamelContext;
import org.camelvideo.mjpeg.FramePump;
import org.camelvideo.mjpeg.FreePort;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.mjpeg.TestJpegs;
import org.camelvideo.mjpeg.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** FFmpeg's own HTTP client and mpjpeg demuxer read the stream and decode every picture. */
class FfmpegReaderTest {

    @Test
    void ffmpegDecodesSixtyFramesOfTheStream() throws Exception {
        String ffmpeg = Peers.ffmpeg();
        List<byte[]> frames = TestJpegs.frames(640, 480);
        int port = FreePort.find();
        CamelContext context = TestServer.start("mjpeg://127.0.0.1:" + port + "/stream");
        try (FramePump pump = new FramePump(context.createProducerTemplate(), "direct:in", frames, 30, 60)) {
            // -xerror: any decoding error ends ffmpeg with a failure
            Peers.Result r = Peers.run(60, ffmpeg, "-hide_banner", "-nostdin", "-xerror", "-f", "mpjpeg", "-i",
                    "http://127.0.0.1:" + port + "/stream", "-frames:v", "60", "-f", "framemd5", "-");
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).contains("Video: mjpeg").contains("640x480");
            long decoded = r.output().lines().filter(l -> l.matches("^0,\\s+\\d+.*")).count();
            assertThat(decoded).as(r.output()).isEqualTo(60);
            long distinct = r.output().lines().filter(l -> l.matches("^0,\\s+\\d+.*"))
                    .map(l -> l.substring(l.lastIndexOf(',') + 1).trim()).distinct().count();
            assertThat(distinct).as("different pictures among the 60").isGreaterThan(30);
        } finally {
            context.stop();
        }
    }

    @Test
    void ffprobeReadsTheStreamAtItsPathWithATrailingSlash() throws Exception {
        List<byte[]> frames = TestJpegs.frames(640, 480);
        int port = FreePort.find();
        CamelContext context = TestServer.start("mjpeg://127.0.0.1:" + port + "/stream");
        try (FramePump pump = new FramePump(context.createProducerTemplate(), "direct:in", frames, 30, 60)) {
            assertThat(Peers.ffprobeFrames(null, "http://127.0.0.1:" + port + "/stream/", 10)).isEqualTo("mjpeg 640x480 10");
        } finally {
            context.stop();
        }
    }
}
