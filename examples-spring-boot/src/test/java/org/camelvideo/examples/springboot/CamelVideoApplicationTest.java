package org.camelvideo.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camelvideo.media.testing.Peers.ffprobeFrames;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.camelvideo.media.testing.Peers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

class CamelVideoApplicationTest {

    @Test
    void servesTheTestSourceToFfmpegOverMjpegAndRtspWithSettingsFromTheCommandLine() throws Exception {
        int mjpegPort = Peers.freePort();
        int rtspPort = Peers.freePort();
        // As a user starts it, with a picture size of their own; the run controller would block this thread.
        ConfigurableApplicationContext app = SpringApplication.run(CamelVideoApplication.class, "--camel.main.run-controller=false",
                                                                   "--camelvideo.mjpeg.port=" + mjpegPort,
                                                                   "--camelvideo.rtsp.port=" + rtspPort, "--camelvideo.width=320",
                                                                   "--camelvideo.height=240");
        try {
            CamelContext camel = app.getBean(CamelContext.class);
            assertThat(camel.getRouteController().getRouteStatus("testsrc")).isEqualTo(ServiceStatus.Started);
            assertThat(ffprobeFrames("mpjpeg", "http://127.0.0.1:" + mjpegPort + "/stream", 30)).isEqualTo("mjpeg 320x240 30");
            assertThat(ffprobeFrames("rtsp", "rtsp://127.0.0.1:" + rtspPort + "/live", 30)).isEqualTo("h264 320x240 30");
            assertThat(mediaThreads()).anyMatch(n -> n.contains("camera[")).anyMatch(n -> n.contains("h264:encode"));
        } finally {
            app.close();
        }
        assertThat(Peers.closedWithin(mjpegPort, 5000)).as("MJPEG port closed").isTrue();
        assertThat(Peers.closedWithin(rtspPort, 5000)).as("RTSP port closed").isTrue();
        assertThat(mediaThreads()).as("capture and encoding threads after the application closed").isEmpty();
    }

    private static List<String> mediaThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.contains("camera[") || n.contains("h264:encode")).toList();
    }
}
