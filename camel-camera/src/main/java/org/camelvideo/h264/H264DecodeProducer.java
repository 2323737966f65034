package org.camelvideo.h264;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.camelvideo.h264.decode.VideoDecoder;
import org.camelvideo.media.Codec;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.MediaMessages;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.VideoFrame;
import org.camelvideo.media.jpeg.JpegSoi;

/**
 * {@code h264:decode}: runs the decoder on the caller's thread. When an access unit yields no
 * picture yet (a decoder filling its delay), the exchange stops there; when it yields several,
 * the body is the list.
 */
public class H264DecodeProducer extends DefaultProducer {

    private final H264Endpoint endpoint;
    private VideoDecoder decoder;
    private final Object lock = new Object();

    public H264DecodeProducer(H264Endpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        byte[] accessUnit;
        long pts;
        Codec codec;
        if (body instanceof MediaPacket packet
            && (packet.codec() == Codec.H264 || packet.codec() == Codec.H265 || packet.codec() == Codec.JPEG)) {
            accessUnit = packet.payload();
            pts = packet.ptsMicros();
            codec = packet.codec();
        } else if (body instanceof byte[] bytes) {
            accessUnit = bytes;
            pts = exchange.getMessage().getHeader(MediaHeaders.TIMESTAMP, 0L, Long.class);
            // An MJPEG camera's pictures (mjpeg: as a consumer) start with the JPEG SOI marker; Annex-B never does.
            codec = JpegSoi.startsWith(bytes) ? Codec.JPEG : Codec.H264;
        } else {
            throw new IllegalArgumentException("h264:decode needs an H.264, H.265 or JPEG " + MediaPacket.class.getName()
                                               + ", or an Annex-B H.264 or JPEG byte[] body, but received "
                                               + MediaMessages.describe(body));
        }
        List<VideoFrame> frames;
        synchronized (lock) {
            if (decoder != null && decoder.codec() != codec) {
                decoder.close();
                decoder = null;
            }
            if (decoder == null) {
                decoder = new VideoDecoder(codec, endpoint.getPixelFormat());
            }
            frames = decoder.decode(accessUnit, pts);
        }
        Message message = exchange.getMessage();
        if (frames.isEmpty()) {
            exchange.setRouteStop(true);
            return;
        }
        VideoFrame first = frames.get(0);
        message.setBody(frames.size() == 1 ? first : frames);
        message.setHeader(MediaHeaders.TIMESTAMP, first.ptsMicros());
        message.setHeader(MediaHeaders.WIDTH, first.width());
        message.setHeader(MediaHeaders.HEIGHT, first.height());
        message.setHeader(MediaHeaders.STREAM_ID, MediaHeaders.STREAM_VIDEO);
        message.removeHeader(MediaHeaders.CODEC);
        message.removeHeader(MediaHeaders.KEYFRAME);
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (lock) {
            if (decoder != null) {
                decoder.close();
                decoder = null;
            }
        }
        super.doStop();
    }
}
