package org.camelvideo.mjpeg;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;
import org.camelvideo.media.MediaHeaders;

/** The headers the {@code mjpeg:} component sets and reads. */
public final class MjpegConstants {

    @Metadata(label = "consumer", description = "The Content-Type of the part the picture came in, usually image/jpeg,"
                                                + " under Camel's own header name so that an http: producer further on"
                                                + " posts it as it is.",
              javaType = "String")
    public static final String CONTENT_TYPE = Exchange.CONTENT_TYPE;
    @Metadata(description = "Consumer: the part's X-Timestamp in microseconds, or the time it was received when it had"
                            + " none. Producer: the time written as X-Timestamp on the part (microseconds); when absent,"
                            + " a VideoFrame's pts, or the current time.",
              javaType = "long")
    public static final String TIMESTAMP = MediaHeaders.TIMESTAMP;
    @Metadata(label = "consumer", description = "Picture width in pixels, read from the JPEG header.", javaType = "int")
    public static final String WIDTH = MediaHeaders.WIDTH;
    @Metadata(label = "consumer", description = "Picture height in pixels, read from the JPEG header.", javaType = "int")
    public static final String HEIGHT = MediaHeaders.HEIGHT;
    @Metadata(label = "consumer", description = "Position of the picture in the stream since the consumer started, from 0.",
              javaType = "long")
    public static final String SEQUENCE = MediaHeaders.SEQUENCE;
    @Metadata(label = "consumer", description = "Always JPEG.", javaType = "org.camelvideo.media.Codec")
    public static final String CODEC = MediaHeaders.CODEC;
    @Metadata(label = "producer", description = "JPEG quality 1-100 for a VideoFrame body, overriding the quality option"
                                                + " for this frame (header or exchange property).",
              javaType = "int")
    public static final String JPEG_QUALITY = MediaHeaders.JPEG_QUALITY;

    private MjpegConstants() {
    }
}
