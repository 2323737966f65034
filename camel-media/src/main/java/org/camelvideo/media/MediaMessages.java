package org.camelvideo.media;

import java.util.List;

import org.apache.camel.Message;

/** The headers every component sets on a message that carries an encoded packet, and how one finds its packets. */
public final class MediaMessages {

    private MediaMessages() {
    }

    /** Timestamp, keyframe flag, codec and stream id of {@code packet}, as {@link MediaHeaders} names them. */
    public static void setPacketHeaders(Message message, MediaPacket packet) {
        message.setHeader(MediaHeaders.TIMESTAMP, packet.ptsMicros());
        message.setHeader(MediaHeaders.KEYFRAME, packet.isKeyframe());
        message.setHeader(MediaHeaders.CODEC, packet.codec());
        message.setHeader(MediaHeaders.STREAM_ID,
                          packet.codec().isVideo() ? MediaHeaders.STREAM_VIDEO : MediaHeaders.STREAM_AUDIO);
    }

    /**
     * The packets a body carries: one {@link MediaPacket}, or the list an encoder emits when one
     * input completes several (an AAC encoder fed PCM frames longer than 1024 samples); null when
     * the body is neither.
     */
    public static List<MediaPacket> packets(Object body) {
        if (body instanceof MediaPacket) {
            return List.of((MediaPacket) body);
        }
        if (!(body instanceof List<?>) || ((List<?>) body).isEmpty()) {
            return null;
        }
        for (Object element : (List<?>) body) {
            if (!(element instanceof MediaPacket)) {
                return null;
            }
        }
        @SuppressWarnings("unchecked")
        List<MediaPacket> packets = (List<MediaPacket>) body;
        return packets;
    }

    /** What a body is, for an error that names what was received. */
    public static String describe(Object body) {
        if (body == null) {
            return "no body (null)";
        }
        if (body instanceof MediaPacket) {
            return "a " + ((MediaPacket) body).codec() + " MediaPacket";
        }
        // getTypeName: byte[] reads as byte[], not [B.
        return body.getClass().getTypeName();
    }

    /**
     * The error of an endpoint that takes encoded packets when a body is not one: what it takes,
     * what came, and for a raw frame the step the route is missing.
     *
     * @param takes what the endpoint takes, e.g. "rtmp: publishes MediaPacket bodies"
     */
    public static IllegalArgumentException notPackets(String takes, Object body) {
        String hint = body instanceof VideoFrame || body instanceof AudioFrame ? ": encode it first with h264:encode" : "";
        return new IllegalArgumentException(takes + ", but received " + describe(body) + hint);
    }
}
