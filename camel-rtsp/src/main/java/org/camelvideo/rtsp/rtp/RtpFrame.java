package org.camelvideo.rtsp.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AbstractReferenceCounted;

/**
 * One access unit packetized once for every reader: its RTP packets laid out back to back in
 * one buffer, each behind the four-byte RTSP interleaved header ({@code $}, channel, length) of
 * RFC 2326 10.12. A TCP reader whose channel matches gets a retained duplicate of the whole
 * buffer (one write, no copy); a UDP reader gets retained slices of the RTP packets.
 */
public final class RtpFrame extends AbstractReferenceCounted {

    /** Bytes of the interleaved header in front of each packet. */
    public static final int INTERLEAVED_HEADER = 4;

    private final ByteBuf wire;
    private final int[] offsets;
    private final int count;
    private final int channel;
    private final int trackIndex;
    private final boolean keyframe;
    private final int firstSequence;
    private final long timestamp;

    RtpFrame(ByteBuf wire, int[] offsets, int count, int channel, int trackIndex, boolean keyframe, int firstSequence,
             long timestamp) {
        this.wire = wire;
        this.offsets = offsets;
        this.count = count;
        this.channel = channel;
        this.trackIndex = trackIndex;
        this.keyframe = keyframe;
        this.firstSequence = firstSequence;
        this.timestamp = timestamp;
    }

    public int packetCount() {
        return count;
    }

    /** 0 for video, 1 for audio: the track of the session description. */
    public int trackIndex() {
        return trackIndex;
    }

    public boolean isKeyframe() {
        return keyframe;
    }

    public int firstSequence() {
        return firstSequence;
    }

    public long timestamp() {
        return timestamp;
    }

    /** Bytes of the interleaved form. */
    public int size() {
        return wire.readableBytes();
    }

    /** The RTP packet {@code i} without its interleaved header, as a slice that shares the buffer. */
    public ByteBuf packet(int i) {
        int at = offsets[i];
        return wire.slice(at + INTERLEAVED_HEADER, wire.getUnsignedShort(at + 2));
    }

    /**
     * The interleaved form for a reader on {@code rtpChannel}: a retained duplicate when that is
     * the channel it was built for, else a copy with the channel bytes rewritten.
     */
    public ByteBuf interleaved(int rtpChannel, ByteBufAllocator alloc) {
        if (rtpChannel == channel) {
            return wire.retainedDuplicate();
        }
        ByteBuf copy = alloc.buffer(wire.readableBytes());
        copy.writeBytes(wire, wire.readerIndex(), wire.readableBytes());
        for (int i = 0; i < count; i++) {
            copy.setByte(offsets[i] + 1, rtpChannel);
        }
        return copy;
    }

    @Override
    public RtpFrame retain() {
        super.retain();
        return this;
    }

    @Override
    protected void deallocate() {
        wire.release();
    }

    @Override
    public RtpFrame touch(Object hint) {
        wire.touch(hint);
        return this;
    }
}
