package org.camelvideo.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.camel.main.Main;
import org.camelvideo.probe.MediaProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job as a user runs it, with the route files shipped in examples/routes. */
class CamelVideoMainTest {

    @TempDir
    Path dir;

    private void runFor(long millis, String... args) throws Exception {
        Main main = CamelVideoMain.create(args);
        main.addInitialProperty("recordings", dir.toString());
        System.setProperty("camelvideo.recordings", dir.toString());
        try {
            main.start();
            Thread.sleep(millis);
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
    void defaultRouteRecordsTheTestSource() throws Exception {
        runFor(2000);
        List<Path> recordings = files("testsrc-*.h264");
        assertThat(recordings).hasSize(1);
        MediaProbe.Result result = MediaProbe.probe(recordings.get(0).toString(), "h264");
        assertThat(result.width()).isEqualTo(640);
        assertThat(result.height()).isEqualTo(480);
        assertThat(result.videoFrames()).isBetween(40, 65);
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

    @Test
    void missingRouteFileIsNamed() {
        assertThatThrownBy(() -> CamelVideoMain.create("routes/nope.yaml"))
                .hasMessageContaining("Route file routes/nope.yaml does not exist");
    }
}
