package org.camelvideo.rtsp.rtp;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Lays out the RTP packets of one access unit into an {@link RtpFrame}: a packetizer calls
 * {@link #begin(boolean)}, writes the payload into {@link #payload()}, and calls {@link #end()}.
 * Sequence numbers come from the track, one timestamp for the whole access unit.
 */
public final class RtpFrameWriter {

    private final RtpTrack track;
    private final int channel;
    private final int trackIndex;
    private final long timestamp;
    private final ByteBuf wire;
    private final int firstSequence;
    private int[] offsets = new int[8];
    private int count;
    private int packetStart = -1;
    private int payloadOctets;

    public RtpFrameWriter(RtpTrack track, int trackIndex, long timestamp, int sizeHint, ByteBufAllocator alloc) {
        this.track = track;
        this.channel = 2 * trackIndex;
        this.trackIndex = trackIndex;
        this.timestamp = timestamp;
        this.wire = alloc.directBuffer(sizeHint);
        this.firstSequence = track.nextSequence();
    }

    /** Starts a packet; {@code marker} is set on the last packet of an access unit. */
    public void begin(boolean marker) {
        if (packetStart >= 0) {
            throw new IllegalStateException("Packet not ended");
        }
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
        }
        packetStart = wire.writerIndex();
        offsets[count++] = packetStart;
        wire.writeByte('$');
        wire.writeByte(channel);
        wire.writeShort(0);
        wire.writeByte(0x80);
        wire.writeByte((marker ? 0x80 : 0) | track.payloadType());
        wire.writeShort(track.takeSequence());
        wire.writeInt((int) timestamp);
        wire.writeInt(track.ssrc());
    }

    /** Where the payload of the current packet goes. */
    public ByteBuf payload() {
        return wire;
    }

    public void end() {
        int rtpLength = wire.writerIndex() - packetStart - RtpFrame.INTERLEAVED_HEADER;
        if (rtpLength > 0xffff) {
            throw new IllegalStateException("RTP packet of " + rtpLength + " bytes does not fit an interleaved frame");
        }
        wire.setShort(packetStart + 2, rtpLength);
        payloadOctets += rtpLength - RtpPacket.HEADER_LENGTH;
        packetStart = -1;
    }

    /** The finished frame; the writer must not be used afterwards. */
    public RtpFrame finish(boolean keyframe) {
        if (packetStart >= 0) {
            throw new IllegalStateException("Packet not ended");
        }
        track.sent(timestamp, count, payloadOctets);
        return new RtpFrame(wire, offsets, count, channel, trackIndex, keyframe, firstSequence, timestamp);
    }

    /** Gives the buffer back when packetizing failed half way. */
    public void abandon() {
        wire.release();
    }
}
