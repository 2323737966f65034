package org.camelvideo.h264;

import org.apache.camel.spi.Metadata;
import org.camelvideo.media.MediaHeaders;

/** Headers and exchange properties of the {@code h264:} producer. */
public final class H264Constants {

    @Metadata(label = "producer", description = "In: set to true to encode this frame as a keyframe (IDR).",
              javaType = "boolean")
    public static final String REQUEST_KEYFRAME = MediaHeaders.REQUEST_KEYFRAME;
    @Metadata(label = "producer", description = "Out: presentation time of the output in microseconds.", javaType = "long")
    public static final String TIMESTAMP = MediaHeaders.TIMESTAMP;
    @Metadata(label = "producer", description = "Out: whether the encoded packet is a keyframe.", javaType = "boolean")
    public static final String KEYFRAME = MediaHeaders.KEYFRAME;
    @Metadata(label = "producer", description = "Out: codec of the encoded packet (H264 or AAC).",
              javaType = "org.camelvideo.media.Codec")
    public static final String CODEC = MediaHeaders.CODEC;
    @Metadata(label = "producer", description = "Out: picture width of video output.", javaType = "int")
    public static final String WIDTH = MediaHeaders.WIDTH;
    @Metadata(label = "producer", description = "Out: picture height of video output.", javaType = "int")
    public static final String HEIGHT = MediaHeaders.HEIGHT;
    @Metadata(label = "producer", description = "Out: video or audio.", javaType = "String", enums = "video,audio")
    public static final String STREAM_ID = MediaHeaders.STREAM_ID;

    private H264Constants() {
    }
}
