package org.camelvideo.camera;

import org.apache.camel.spi.Metadata;
import org.camelvideo.media.MediaHeaders;

/** Headers the {@code camera:} consumer sets on every exchange. */
public final class CameraConstants {

    @Metadata(description = "Presentation time of the frame in microseconds from the start of capture.", javaType = "long")
    public static final String TIMESTAMP = MediaHeaders.TIMESTAMP;
    @Metadata(description = "Position of the video frame in its source, from 0.", javaType = "long")
    public static final String SEQUENCE = MediaHeaders.SEQUENCE;
    @Metadata(description = "Picture width in pixels (video frames).", javaType = "int")
    public static final String WIDTH = MediaHeaders.WIDTH;
    @Metadata(description = "Picture height in pixels (video frames).", javaType = "int")
    public static final String HEIGHT = MediaHeaders.HEIGHT;
    @Metadata(description = "Which stream the body belongs to: video (a VideoFrame) or audio (an AudioFrame).",
              javaType = "String", enums = "video,audio")
    public static final String STREAM_ID = MediaHeaders.STREAM_ID;

    private CameraConstants() {
    }
}
