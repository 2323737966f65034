package org.camelvideo.rtmp;

import org.apache.camel.spi.Metadata;
import org.camelvideo.media.MediaHeaders;

/** Headers the rtmp consumer sets on each packet it emits. */
public final class RtmpConstants {

    @Metadata(label = "consumer", description = "Presentation time of the packet in microseconds.", javaType = "long")
    public static final String TIMESTAMP = MediaHeaders.TIMESTAMP;
    @Metadata(label = "consumer", description = "Whether the packet is a keyframe (always true for audio).", javaType = "boolean")
    public static final String KEYFRAME = MediaHeaders.KEYFRAME;
    @Metadata(label = "consumer", description = "The packet's codec: H264, H265 or AAC.", javaType = "org.camelvideo.media.Codec")
    public static final String CODEC = MediaHeaders.CODEC;
    @Metadata(label = "consumer", description = "video or audio.", javaType = "String")
    public static final String STREAM_ID = MediaHeaders.STREAM_ID;

    private RtmpConstants() {
    }
}
