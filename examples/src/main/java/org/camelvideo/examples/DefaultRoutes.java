package org.camelvideo.examples;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the main job runs when given no routes: the built-in test source, served to browsers as
 * MJPEG, encoded to H.264, served over RTSP to players and recorded to a file any player opens,
 * with its frame rate and bit rate logged. The servers listen on {@code camelvideo.host}
 * (127.0.0.1 unless set, 0.0.0.0 to be seen from the network), ports {@code camelvideo.mjpeg.port}
 * (8000) and {@code camelvideo.rtsp.port} (8554).
 */
public class DefaultRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultRoutes.class);

    @Override
    public void configure() {
        String host = System.getProperty("camelvideo.host", "127.0.0.1");
        int mjpegPort = Integer.getInteger("camelvideo.mjpeg.port", 8000);
        int rtspPort = Integer.getInteger("camelvideo.rtsp.port", 8554);
        String directory = System.getProperty("camelvideo.recordings", "recordings");
        String file = "testsrc-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".h264";
        Path recording = Path.of(directory, file).toAbsolutePath();

        from("camera:testsrc?width=640&height=480&fps=30").routeId("testsrc")
                .toF("mjpeg://%s:%d/stream", host, mjpegPort)
                .to("h264:encode?bitrate=1000000&gop=60")
                .process(new StreamStats("testsrc", 5))
                .toF("rtsp://%s:%d/live", host, rtspPort)
                .convertBodyTo(byte[].class)
                .toF("file:%s?fileName=%s&fileExist=Append", directory, file);

        String shown = "0.0.0.0".equals(host) ? "127.0.0.1" : host;
        LOG.info("Open in a browser:  http://{}:{}/", shown, mjpegPort);
        LOG.info("Play with a player: rtsp://{}:{}/live (ffplay -rtsp_transport tcp rtsp://{}:{}/live)", shown, rtspPort,
                 shown, rtspPort);
        LOG.info("Recording to:       {} (play it with: ffplay {})", recording, recording);
    }
}
