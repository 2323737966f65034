package org.camelvideo.mjpeg;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.DefaultProducer;
import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.VideoFrame;
import org.camelvideo.media.jpeg.JpegSoi;
import org.camelvideo.mjpeg.server.LiveStream;

/**
 * Publishes each exchange's picture to the endpoint's stream. A VideoFrame is JPEG-encoded here,
 * once, before any viewer sees it; publishing never waits for a viewer.
 */
public class MjpegProducer extends DefaultProducer {

    private LiveStream stream;

    public MjpegProducer(MjpegEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public MjpegEndpoint getEndpoint() {
        return (MjpegEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        stream = getEndpoint().acquireStream();
    }

    @Override
    protected void doStop() throws Exception {
        if (stream != null) {
            stream = null;
            getEndpoint().releaseStream();
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (body instanceof List<?> list && !list.isEmpty() && list.get(list.size() - 1) instanceof VideoFrame newest) {
            // h264:decode hands over every picture one packet completed; a viewer only sees the newest.
            body = newest;
        }
        Long timestamp = exchange.getMessage().getHeader(MediaHeaders.TIMESTAMP, Long.class);
        byte[] jpeg;
        if (body instanceof VideoFrame frame) {
            jpeg = encode(exchange, frame);
            if (timestamp == null) {
                timestamp = frame.ptsMicros();
            }
        } else if (body instanceof byte[] bytes) {
            jpeg = bytes;
        } else if (body instanceof MediaPacket packet && packet.codec() == Codec.JPEG) {
            jpeg = packet.payload();
            if (timestamp == null) {
                timestamp = packet.ptsMicros();
            }
        } else {
            throw new IllegalArgumentException("mjpeg needs a JPEG byte[], a JPEG MediaPacket, a VideoFrame or a list of"
                                               + " VideoFrames as body, not "
                                               + (body == null ? "null" : body.getClass().getTypeName()));
        }
        if (!JpegSoi.startsWith(jpeg)) {
            throw new IllegalArgumentException("The body is not a JPEG: " + jpeg.length + " bytes that do not start with"
                                               + " the SOI marker FF D8");
        }
        int max = getEndpoint().getMaxFrameSize();
        if (jpeg.length > max) {
            throw new IllegalArgumentException("Oversized frame: a JPEG of " + jpeg.length + " bytes is larger than"
                                               + " maxFrameSize " + max);
        }
        stream.publish(jpeg, timestamp != null ? timestamp : System.currentTimeMillis() * 1000L);
    }

    /**
     * Converts on a scratch exchange: the conversion's side effects (the quality property, a
     * Content-Type header) belong to the picture served here, not to the route's message, whose
     * body is still the frame.
     */
    private byte[] encode(Exchange exchange, VideoFrame frame) throws Exception {
        Integer quality = exchange.getProperty(MediaHeaders.JPEG_QUALITY, Integer.class);
        if (quality == null) {
            quality = exchange.getMessage().getHeader(MediaHeaders.JPEG_QUALITY, Integer.class);
        }
        Exchange scratch = new DefaultExchange(exchange.getContext());
        scratch.setProperty(MediaHeaders.JPEG_QUALITY, quality != null ? quality : getEndpoint().getQuality());
        return exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, scratch, frame);
    }
}
