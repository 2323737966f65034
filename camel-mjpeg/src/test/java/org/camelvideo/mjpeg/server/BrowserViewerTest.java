package org.camelvideo.mjpeg.server;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.camel.CamelContext;
import org.camelvideo.mjpeg.FramePump;
import org.camelvideo.mjpeg.FreePort;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.mjpeg.TestJpegs;
import org.camelvideo.mjpeg.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Headless Chromium opens the built-in viewer page and shows a moving picture. */
class BrowserViewerTest {

    @Test
    void chromiumShowsTheStreamMoving() throws Exception {
        // kept in target/ so that a failure can be looked at
        Path dir = Files.createDirectories(Path.of("target", "browser-viewer-test"));
        String chromium = Peers.chromium();
        List<byte[]> frames = TestJpegs.frames(640, 480);
        int port = FreePort.find();
        CamelContext context = TestServer.start("mjpeg://127.0.0.1:" + port + "/stream");
        try (FramePump pump = new FramePump(context.createProducerTemplate(), "direct:in", frames, 30, 60)) {
            Path first = screenshot(chromium, dir, "first", port);
            Thread.sleep(1000);
            Path second = screenshot(chromium, dir, "second", port);

            BufferedImage a = ImageIO.read(first.toFile());
            BufferedImage b = ImageIO.read(second.toFile());
            assertThat(a.getWidth()).isEqualTo(b.getWidth());
            assertThat(litPixels(a)).as("the first screenshot shows a picture, not a blank page").isGreaterThan(10_000);
            assertThat(differingPixels(a, b)).as("pixels that changed between the screenshots").isGreaterThan(1000);

            Peers.Result dom = Peers.run(60, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + dir.resolve("profile-dom"), "--virtual-time-budget=3000", "--timeout=8000", "--dump-dom",
                    "http://127.0.0.1:" + port + "/");
            assertThat(dom.output()).as("the page's figures line after its script ran")
                    .containsPattern("640x480 · [1-9]\\d*\\.\\d fps · [1-9]\\d* viewers?<");
        } finally {
            context.stop();
        }
    }

    private static Path screenshot(String chromium, Path dir, String name, int port) throws Exception {
        Path png = dir.resolve(name + ".png");
        Peers.Result r = Peers.run(60, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + dir.resolve("profile-" + name), "--window-size=800,600", "--timeout=4000",
                "--screenshot=" + png, "http://127.0.0.1:" + port + "/");
        assertThat(Files.exists(png)).as("chromium wrote %s:%n%s", png, r.output()).isTrue();
        return png;
    }

    private static int litPixels(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) > 150) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }
}
