package org.camelvideo.mjpeg;

import org.camelvideo.media.testing.Peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Real JPEGs made by FFmpeg's mjpeg encoder from its testsrc2 pattern, made once per size. */
public final class TestJpegs {

    private TestJpegs() {
    }

    /** 90 frames (3 s at 30 fps) of a moving test pattern, each one different. */
    public static synchronized List<byte[]> frames(int width, int height) throws IOException, InterruptedException {
        Path dir = Path.of("target", "test-jpegs", width + "x" + height);
        if (!Files.exists(dir.resolve("frame090.jpg"))) {
            Files.createDirectories(dir);
            Peers.Result r = Peers.run(120, Peers.ffmpeg(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=" + width + "x" + height + ":rate=30", "-frames:v", "90", "-q:v", "5", "-f", "image2",
                    dir.resolve("frame%03d.jpg").toString());
            assertThat(r.exitCode()).as(r.output()).isZero();
        }
        List<byte[]> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                frames.add(Files.readAllBytes(f));
            }
        }
        assertThat(frames).hasSize(90);
        return frames;
    }
}
