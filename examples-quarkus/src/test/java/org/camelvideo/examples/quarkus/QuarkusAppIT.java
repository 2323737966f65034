package org.camelvideo.examples.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.camelvideo.media.testing.Peers;
import org.junit.jupiter.api.Test;

/**
 * The packaged Camel Quarkus application ({@code java -jar target/quarkus-app/quarkus-run.jar}),
 * settings given as {@code -D} options: FFmpeg plays its MJPEG and RTSP streams at the size asked
 * for, and SIGTERM (Ctrl-C, a container's stop) closes both ports and ends the JVM cleanly, with
 * Netty's leak detector at its strictest.
 */
class QuarkusAppIT {

    @Test
    void ffmpegPlaysBothStreamsAndTheApplicationStopsOnSigterm() throws Exception {
        int mjpegPort = Peers.freePort();
        int rtspPort = Peers.freePort();
        Path log = Files.createTempFile(Path.of("target"), "quarkus-app-", ".log");
        Process app = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Dcamelvideo.width=320",
                                         "-Dcamelvideo.height=240", "-Dcamelvideo.mjpeg.port=" + mjpegPort,
                                         "-Dcamelvideo.rtsp.port=" + rtspPort, "-Dio.netty.leakDetection.level=PARANOID", "-jar",
                                         "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Peers.awaitListening(rtspPort, 30_000);
            assertThat(Peers.ffprobeFrames("mpjpeg", "http://127.0.0.1:" + mjpegPort + "/stream", 30)).as(Files.readString(log))
                    .isEqualTo("mjpeg 320x240 30");
            assertThat(Peers.ffprobeFrames("rtsp", "rtsp://127.0.0.1:" + rtspPort + "/live", 30)).as(Files.readString(log))
                    .isEqualTo("h264 320x240 30");
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        String output = Files.readString(log);
        // 128 + SIGTERM: how a JVM ends on that signal once its shutdown hooks, Quarkus's among them, have run.
        assertThat(app.exitValue()).as(output).isEqualTo(143);
        assertThat(output).contains("Apache Camel 4.17.0 (camel-1) shutdown in").contains("camel-video-examples-quarkus stopped in");
        assertThat(Peers.listening(mjpegPort) || Peers.listening(rtspPort)).isFalse();
        assertThat(output).contains("Installed features: [camel-core, camel-yaml-dsl, cdi]")
                .doesNotContain("ERROR").doesNotContain("Exception").doesNotContain("LEAK:");
    }
}
