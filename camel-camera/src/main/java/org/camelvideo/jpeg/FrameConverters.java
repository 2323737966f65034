package org.camelvideo.jpeg;

import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.VideoFrame;

/**
 * {@code VideoFrame} to JPEG {@code byte[]}, so {@code .convertBodyTo(byte[].class)} before
 * {@code http:} or {@code paho-mqtt5:} sends a picture. The quality comes from the exchange
 * property or header {@value MediaHeaders#JPEG_QUALITY} (default 85), and the exchange gets
 * {@code Content-Type: image/jpeg}.
 */
@Converter(generateLoader = true)
public final class FrameConverters {

    public static final int DEFAULT_QUALITY = 85;

    private FrameConverters() {
    }

    @Converter
    public static byte[] toJpeg(VideoFrame frame, Exchange exchange) {
        int quality = DEFAULT_QUALITY;
        if (exchange != null) {
            Integer q = exchange.getProperty(MediaHeaders.JPEG_QUALITY, Integer.class);
            if (q == null) {
                q = exchange.getMessage().getHeader(MediaHeaders.JPEG_QUALITY, Integer.class);
            }
            quality = q != null ? q : DEFAULT_QUALITY;
            if (quality < 1 || quality > 100) {
                throw new IllegalArgumentException(MediaHeaders.JPEG_QUALITY + " must be 1-100, got " + quality);
            }
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "image/jpeg");
        }
        return JpegEncoders.encode(frame, quality);
    }
}
