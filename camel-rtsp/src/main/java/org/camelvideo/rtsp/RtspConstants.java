package org.camelvideo.rtsp;

import org.apache.camel.spi.Metadata;
import org.camelvideo.media.MediaHeaders;

/** Headers and exchange properties the rtsp component reads and sets. */
public final class RtspConstants {

    @Metadata(description = "Presentation time in microseconds. The consumer sets it from the RTP timestamp; the producer "
                            + "reads it for a byte[] body (else it uses the time since it started).",
              javaType = "long")
    public static final String TIMESTAMP = MediaHeaders.TIMESTAMP;
    @Metadata(description = "Whether the packet is a keyframe. The consumer sets it; the producer reads it for a byte[] "
                            + "body, and finds IDR slices itself when it is absent.",
              javaType = "boolean")
    public static final String KEYFRAME = MediaHeaders.KEYFRAME;
    @Metadata(label = "consumer", description = "The codec of the packet: H264, H265 or AAC.", javaType = "org.camelvideo.media.Codec")
    public static final String CODEC = MediaHeaders.CODEC;
    @Metadata(label = "consumer", description = "Which track the packet came from: video or audio.", javaType = "String")
    public static final String STREAM_ID = MediaHeaders.STREAM_ID;
    @Metadata(label = "producer",
              description = "Exchange property: the KeyframeRequester of the encoder upstream. The server asks it for a "
                            + "keyframe when a reader has to wait for one.",
              javaType = "org.camelvideo.media.KeyframeRequester")
    public static final String KEYFRAME_REQUESTER = MediaHeaders.KEYFRAME_REQUESTER;

    private RtspConstants() {
    }
}
