package org.camelvideo.examples.springboot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The test source served to browsers as MJPEG and, encoded to H.264, to players over RTSP. Every
 * {@code {{camelvideo.*}}} placeholder is a Spring property, so the route takes its settings from
 * application.yaml, the environment ({@code CAMELVIDEO_RTSP_PORT}) or the command line.
 */
@Component
public class TestsrcRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("camera:{{camelvideo.source}}?width={{camelvideo.width}}&height={{camelvideo.height}}&fps={{camelvideo.fps}}")
                .routeId("testsrc")
                .to("mjpeg://{{camelvideo.host}}:{{camelvideo.mjpeg.port}}/stream")
                .to("h264:encode?bitrate={{camelvideo.bitrate}}&gop={{camelvideo.gop}}")
                .to("rtsp://{{camelvideo.host}}:{{camelvideo.rtsp.port}}/live");
    }
}
