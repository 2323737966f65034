package org.camelvideo.rtsp.rtp;

import io.netty.buffer.ByteBuf;

/**
 * A received RTP packet (RFC 3550 5.1), read in place: the payload is a slice of the datagram
 * or interleaved frame it came in, valid only while that buffer is.
 */
public final class RtpPacket {

    public static final int HEADER_LENGTH = 12;

    private final boolean marker;
    private final int payloadType;
    private final int sequence;
    private final long timestamp;
    private final int ssrc;
    private final ByteBuf payload;

    private RtpPacket(boolean marker, int payloadType, int sequence, long timestamp, int ssrc, ByteBuf payload) {
        this.marker = marker;
        this.payloadType = payloadType;
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.ssrc = ssrc;
        this.payload = payload;
    }

    /**
     * @return the packet, or null when {@code buf} is not a well-formed RTP version 2 packet
     *         (CSRCs, a header extension and padding are skipped)
     */
    public static RtpPacket parse(ByteBuf buf) {
        int start = buf.readerIndex();
        int length = buf.readableBytes();
        if (length < HEADER_LENGTH) {
            return null;
        }
        int b0 = buf.getUnsignedByte(start);
        int b1 = buf.getUnsignedByte(start + 1);
        if (b0 >>> 6 != 2) {
            return null;
        }
        int headerLength = HEADER_LENGTH + 4 * (b0 & 0x0f);
        if ((b0 & 0x10) != 0) {
            if (length < headerLength + 4) {
                return null;
            }
            headerLength += 4 + 4 * buf.getUnsignedShort(start + headerLength + 2);
        }
        int padding = (b0 & 0x20) != 0 ? buf.getUnsignedByte(start + length - 1) : 0;
        int payloadLength = length - headerLength - padding;
        if (payloadLength < 0) {
            return null;
        }
        return new RtpPacket((b1 & 0x80) != 0, b1 & 0x7f, buf.getUnsignedShort(start + 2), buf.getUnsignedInt(start + 4),
                             buf.getInt(start + 8), buf.slice(start + headerLength, payloadLength));
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    public int sequence() {
        return sequence;
    }

    public long timestamp() {
        return timestamp;
    }

    public int ssrc() {
        return ssrc;
    }

    public ByteBuf payload() {
        return payload;
    }
}
