package org.camelvideo.media;

import org.apache.camel.Message;

/** The headers every component sets on a message that carries an encoded packet. */
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
}
