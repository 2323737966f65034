package org.camelvideo.examples;


import static org.assertj.core.api.Assertions.assertThat;
import static org.camelvideo.media.testing.Peers.ffprobeFrames;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.camelvideo.media.testing.Peers;
import org.camelvideo.probe.MediaProbe;
import org.camelvideo.rtmp.peers.Nginx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario route files in examples/routes, run by the main job against real peers: nginx-rtmp
 * as a live platform, FFmpeg as publisher, RTMP server and player.
 */
class ScenarioRoutesTest {

    @TempDir
    Path dir;

    private static Main start(String route, String... properties) throws Exception {
        Main main = CamelVideoMain.create(route);
        for (int i = 0; i < properties.length; i += 2) {
            main.addInitialProperty(properties[i], properties[i + 1]);
        }
        main.start();
        return main;
    }

    @Test
    void cameraWithSoundReachesALivePlatformUnderABilibiliShapedKey() throws Exception {
        String key = "?streamname=live_1_2&key=abc&schedule=rtmp&pflag=1";
        try (Nginx nginx = Nginx.start(dir.resolve("nginx"))) {
            String server = "rtmp://127.0.0.1:" + nginx.rtmpPort() + "/live-bvc/";
            // The tests log through logback-test.xml's console appender, which writes to System.out as it is at the time.
            PrintStream stdout = System.out;
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
            Main main;
            try {
                main = start("routes/camera-to-live-platform.yaml", "live.server", server, "live.key", key);
            } finally {
                System.setOut(stdout);
            }
            // Camel's start-up summary of the placeholders used shows the key's name, not its value.
            assertThat(log.toString(StandardCharsets.UTF_8)).contains("live.key = xxxxxx").doesNotContain("key=abc");
            try {
                Thread.sleep(1500);
                // FFmpeg's RTMP client plays it back from nginx under the very name the platform gave.
                assertThat(ffprobeFrames(null, server + key, 30)).isEqualTo("h264 1280x720 30");
                assertThat(codecs(server + key)).containsExactlyInAnyOrder("h264", "aac");
            } finally {
                main.stop();
            }
            assertThat(nginx.errorLog()).contains("streamname=live_1_2&key=abc&schedule=rtmp&pflag=1");
        }
    }

    @Test
    void ipCameraIsRelayedOverRtspAndRtmpAndDecodedForBrowsers() throws Exception {
        int cameraPort = Peers.freePort();
        int rtmpPort = Peers.freePort();
        int rtspPort = Peers.freePort();
        int mjpegPort = Peers.freePort();
        CamelContext camera = new DefaultCamelContext();
        camera.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("camera:testsrc?width=320&height=240&audio=true").to("h264:encode?gop=30")
                        .to("rtsp://127.0.0.1:" + cameraPort + "/unicast");
            }
        });
        camera.start();
        Path flv = dir.resolve("relayed.flv");
        Process rtmpServer = new ProcessBuilder(Peers.ffmpeg(), "-v", "error", "-listen", "1", "-i",
                                                "rtmp://127.0.0.1:" + rtmpPort + "/live/cam1", "-c", "copy", "-t", "3",
                                                flv.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("ffmpeg-rtmp.log").toFile()).start();
        Main hub = null;
        try {
            Peers.awaitListening(rtmpPort, 10_000);
            hub = start("routes/ip-camera-hub.yaml", "camera.url", "rtsp://127.0.0.1:" + cameraPort + "/unicast",
                        "rtmp.url", "rtmp://127.0.0.1:" + rtmpPort + "/live/cam1", "hub.rtsp.port", "" + rtspPort,
                        "hub.mjpeg.port", "" + mjpegPort);
            Thread.sleep(1000);
            assertThat(ffprobeFrames("rtsp", "rtsp://127.0.0.1:" + rtspPort + "/cam", 30)).isEqualTo("h264 320x240 30");
            assertThat(ffprobeFrames("mpjpeg", "http://127.0.0.1:" + mjpegPort + "/cam", 30)).isEqualTo("mjpeg 320x240 30");
            assertThat(rtmpServer.waitFor(30, TimeUnit.SECONDS)).as("ffmpeg's RTMP server finished its 3 s").isTrue();
        } finally {
            if (hub != null) {
                hub.stop();
            }
            camera.stop();
            rtmpServer.destroy();
        }
        MediaProbe.Result relayed = MediaProbe.probe(flv.toString(), "flv");
        assertThat(relayed.videoCodec()).isEqualTo("h264");
        assertThat(relayed.width()).isEqualTo(320);
        // ffmpeg keeps 3 s from the first packet, an audio one when the relay joins mid-GOP: video
        // starts at the camera's next keyframe, up to one 1 s GOP later, so 2 s of it at least.
        assertThat(relayed.videoFrames()).isGreaterThanOrEqualTo(2 * 30 - 3);
        assertThat(relayed.audioCodec()).isEqualTo("aac");
    }

    @Test
    void ffmpegPublishesToUsAndPlayersWatchOverRtsp() throws Exception {
        int rtmpPort = Peers.freePort();
        int rtspPort = Peers.freePort();
        Main main = start("routes/publisher-to-rtsp.yaml", "hub.rtmp.port", "" + rtmpPort, "hub.rtsp.port", "" + rtspPort);
        Process publisher = null;
        try {
            Peers.awaitListening(rtmpPort, 10_000);
            publisher = new ProcessBuilder(Peers.ffmpeg(), "-v", "error", "-re", "-f", "lavfi", "-i",
                                           "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440",
                                           "-t", "20", "-pix_fmt", "yuv420p", "-c:v", "libx264", "-preset", "ultrafast",
                                           "-tune", "zerolatency", "-g", "30", "-c:a", "aac", "-f", "flv",
                                           "rtmp://127.0.0.1:" + rtmpPort + "/live/obs").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("ffmpeg-publish.log").toFile()).start();
            Thread.sleep(1500);
            assertThat(ffprobeFrames("rtsp", "rtsp://127.0.0.1:" + rtspPort + "/obs", 30)).isEqualTo("h264 640x360 30");
        } finally {
            if (publisher != null) {
                publisher.destroy();
            }
            main.stop();
        }
    }

    /** FFmpeg's own HTTP server stands in for an MJPEG camera; players watch it as H.264 over RTSP. */
    @Test
    void mjpegCameraIsEncodedAgainForRtspPlayers() throws Exception {
        int cameraPort = Peers.freePort();
        int rtspPort = Peers.freePort();
        Process camera = new ProcessBuilder(Peers.ffmpeg(), "-v", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=15",
                                            "-t", "30", "-c:v", "mjpeg", "-q:v", "5", "-f", "mpjpeg", "-listen", "1",
                                            "http://127.0.0.1:" + cameraPort + "/video.cgi").redirectErrorStream(true)
                .redirectOutput(dir.resolve("ffmpeg-camera.log").toFile()).start();
        Main main = null;
        try {
            Peers.awaitListening(cameraPort, 10_000);
            main = start("routes/mjpeg-camera-to-rtsp.yaml", "camera.url", "http://127.0.0.1:" + cameraPort + "/video.cgi",
                         "hub.rtsp.port", "" + rtspPort);
            Peers.awaitListening(rtspPort, 10_000);
            assertThat(ffprobeFrames("rtsp", "rtsp://127.0.0.1:" + rtspPort + "/cam", 30)).isEqualTo("h264 640x360 30");
        } finally {
            camera.destroy();
            if (main != null) {
                main.stop();
            }
        }
    }

    private static List<String> codecs(String url) throws Exception {
        Process p = new ProcessBuilder(Peers.ffprobe(), "-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out.lines().toList();
    }
}
