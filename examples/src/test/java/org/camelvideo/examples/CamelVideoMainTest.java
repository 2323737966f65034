package org.camelvideo.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camelvideo.media.testing.Peers.ffprobeFrames;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.camel.main.Main;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.probe.MediaProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job as a user runs it, with the route files shipped in examples/routes. */
class CamelVideoMainTest {

    @TempDir
    Path dir;

    private void runFor(long millis, String... args) throws Exception {
        runFor(millis, () -> { }, args);
    }

    /** Runs the job for {@code millis}, calling {@code whileRunning} once it has started. */
    private void runFor(long millis, ThrowingRunnable whileRunning, String... args) throws Exception {
        Main main = CamelVideoMain.create(args);
        main.addInitialProperty("recordings", dir.toString());
        System.setProperty("camelvideo.recordings", dir.toString());
        try {
            main.start();
            long started = System.nanoTime();
            whileRunning.run();
            Thread.sleep(Math.max(0, millis - (System.nanoTime() - started) / 1_000_000));
        } finally {
            main.stop();
            System.clearProperty("camelvideo.recordings");
        }
    }

    private List<Path> files(String glob) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileSystem().getPathMatcher("glob:" + glob).matches(p.getFileName())).sorted().toList();
        }
    }

    @Test
    void yamlRouteRecordsAFileFfmpegPlays() throws Exception {
        runFor(3000, "routes/testsrc-to-file.yaml");
        Path file = dir.resolve("testsrc-yaml.h264");
        MediaProbe.Result result = MediaProbe.probe(file.toString(), "h264");
        assertThat(result.width()).isEqualTo(320);
        assertThat(result.height()).isEqualTo(240);
        // Three seconds at 25 fps, started and stopped on a busy machine.
        assertThat(result.videoFrames()).isBetween(50, 80);
        assertThat(result.keyframes()).startsWith(0, 25, 50);
    }

    @Test
    void defaultRouteServesBrowsersAndPlayersAndRecordsTheTestSource() throws Exception {
        int mjpegPort = Peers.freePort();
        int rtspPort = Peers.freePort();
        System.setProperty("camelvideo.mjpeg.port", Integer.toString(mjpegPort));
        System.setProperty("camelvideo.rtsp.port", Integer.toString(rtspPort));
        List<String> ffmpegSaw = new java.util.ArrayList<>();
        try {
            runFor(4000, () -> {
                ffmpegSaw.add(ffprobeFrames("mpjpeg", "http://127.0.0.1:" + mjpegPort + "/stream", 30));
                ffmpegSaw.add(ffprobeFrames("rtsp", "rtsp://127.0.0.1:" + rtspPort + "/live", 30));
            });
        } finally {
            System.clearProperty("camelvideo.mjpeg.port");
            System.clearProperty("camelvideo.rtsp.port");
        }
        // FFmpeg's own HTTP and RTSP clients read the browser stream and the player stream while it runs.
        assertThat(ffmpegSaw).containsExactly("mjpeg 640x480 30", "h264 640x480 30");
        List<Path> recordings = files("testsrc-*.h264");
        assertThat(recordings).hasSize(1);
        MediaProbe.Result result = MediaProbe.probe(recordings.get(0).toString(), "h264");
        assertThat(result.width()).isEqualTo(640);
        assertThat(result.height()).isEqualTo(480);
        assertThat(result.videoFrames()).isBetween(90, 125);
    }

    @Test
    void javaRouteFileIsCompiledAndRun() throws Exception {
        runFor(2500, "routes/TestsrcSnapshots.java");
        List<Path> snapshots = files("frame-*.jpg");
        assertThat(snapshots).hasSizeBetween(2, 3);
        BufferedImage image = ImageIO.read(snapshots.get(0).toFile());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(360);
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void missingRouteFileIsNamed() {
        assertThatThrownBy(() -> CamelVideoMain.create("routes/nope.yaml"))
                .hasMessageContaining("Route file routes/nope.yaml does not exist");
    }
}
