package org.camelvideo.h264;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.camelvideo.h264.decode.VideoDecoder;
import org.camelvideo.h264.encode.AacEncoder;
import org.camelvideo.h264.encode.H264Encoder;
import org.camelvideo.media.AudioFrame;
import org.camelvideo.media.Codec;
import org.camelvideo.media.KeyframeRequester;
import org.camelvideo.media.MediaHeaders;
import org.camelvideo.media.MediaMessages;
import org.camelvideo.media.MediaPacket;
import org.camelvideo.media.VideoFrame;

/**
 * Runs the endpoint's encoders or decoder on each exchange. Video and audio have their own codec
 * and lock, so a video route and an audio route can feed one endpoint. When a frame yields no
 * packet yet (an encoder filling its delay), the exchange stops there; when it yields several,
 * the body is the list.
 */
public class H264Producer extends DefaultProducer {

    private final H264Endpoint endpoint;
    private H264Encoder videoEncoder;
    /** Published on every exchange; one per encoder, so the per-frame path allocates none. */
    private KeyframeRequester keyframeRequester;
    private AacEncoder audioEncoder;
    private VideoDecoder decoder;
    private final Object videoLock = new Object();
    private final Object audioLock = new Object();

    public H264Producer(H264Endpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (endpoint.getOperation() == H264Operation.decode) {
            decode(exchange, body);
        } else if (body instanceof VideoFrame) {
            encodeVideo(exchange, (VideoFrame) body);
        } else if (body instanceof AudioFrame) {
            encodeAudio(exchange, (AudioFrame) body);
        } else {
            throw new IllegalArgumentException("h264:encode needs a " + VideoFrame.class.getName() + " or "
                                               + AudioFrame.class.getName() + " body, but received "
                                               + MediaMessages.describe(body));
        }
    }

    private void encodeVideo(Exchange exchange, VideoFrame frame) {
        boolean force = exchange.getMessage().getHeader(MediaHeaders.REQUEST_KEYFRAME, false, Boolean.class);
        List<MediaPacket> packets;
        KeyframeRequester requester;
        synchronized (videoLock) {
            if (videoEncoder == null) {
                videoEncoder = new H264Encoder(endpoint.encoderSettings());
                keyframeRequester = videoEncoder::requestKeyframe;
            }
            requester = keyframeRequester;
            packets = videoEncoder.encode(frame, force);
        }
        exchange.setProperty(MediaHeaders.KEYFRAME_REQUESTER, requester);
        emit(exchange, packets);
    }

    private void encodeAudio(Exchange exchange, AudioFrame frame) {
        List<MediaPacket> packets;
        synchronized (audioLock) {
            if (audioEncoder == null) {
                audioEncoder = new AacEncoder(endpoint.getAudioBitrate());
            }
            packets = audioEncoder.encode(frame);
        }
        emit(exchange, packets);
    }

    private static void emit(Exchange exchange, List<MediaPacket> packets) {
        Message message = exchange.getMessage();
        message.removeHeader(MediaHeaders.REQUEST_KEYFRAME);
        if (packets.isEmpty()) {
            exchange.setRouteStop(true);
            return;
        }
        MediaPacket first = packets.get(0);
        message.setBody(packets.size() == 1 ? first : packets);
        MediaMessages.setPacketHeaders(message, first);
        if (first.codec().isVideo() && first.config() != null) {
            message.setHeader(MediaHeaders.WIDTH, first.config().width());
            message.setHeader(MediaHeaders.HEIGHT, first.config().height());
        }
    }

    private void decode(Exchange exchange, Object body) {
        byte[] accessUnit;
        long pts;
        Codec codec;
        if (body instanceof MediaPacket packet && (packet.codec() == Codec.H264 || packet.codec() == Codec.H265)) {
            accessUnit = packet.payload();
            pts = packet.ptsMicros();
            codec = packet.codec();
        } else if (body instanceof byte[]) {
            accessUnit = (byte[]) body;
            pts = exchange.getMessage().getHeader(MediaHeaders.TIMESTAMP, 0L, Long.class);
            codec = Codec.H264;
        } else {
            throw new IllegalArgumentException("h264:decode needs an H.264 or H.265 " + MediaPacket.class.getName()
                                               + " or an Annex-B H.264 byte[] body, but received " + MediaMessages.describe(body));
        }
        List<VideoFrame> frames;
        synchronized (videoLock) {
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
        synchronized (videoLock) {
            if (videoEncoder != null) {
                videoEncoder.close();
                videoEncoder = null;
            }
            if (decoder != null) {
                decoder.close();
                decoder = null;
            }
        }
        synchronized (audioLock) {
            if (audioEncoder != null) {
                audioEncoder.close();
                audioEncoder = null;
            }
        }
        super.doStop();
    }
}
