package org.camelvideo.rtsp.rtp;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;

/**
 * The part of a video depacketizer that does not depend on the codec: collects the NAL units
 * of one access unit behind start codes, ends it at the marker bit or when the timestamp
 * changes under a lost marker, and drops it, not the stream, when a packet of it was lost or
 * malformed. A payload format (RFC 6184, RFC 7798) reads its packets into it.
 */
public final class AnnexBAssembler {

    private static final byte[] START_CODE = { 0, 0, 0, 1 };

    private final AccessUnitListener listener;
    private final int maxAccessUnit;
    private byte[] buffer = new byte[64 * 1024];
    private int length;
    private long timestamp = -1;
    private int expectedSequence = -1;
    private boolean broken;
    private boolean inFragment;
    private boolean keyframe;
    private long droppedAccessUnits;

    /** @param maxAccessUnit the largest access unit accepted; bigger ones are dropped */
    public AnnexBAssembler(int maxAccessUnit, AccessUnitListener listener) {
        this.maxAccessUnit = maxAccessUnit;
        this.listener = listener;
    }

    /** Starts on {@code packet}: completes the access unit before it if its marker was lost, and notes losses. */
    public void begin(RtpPacket packet) {
        int lost = expectedSequence < 0 ? 0 : (packet.sequence() - expectedSequence) & 0xffff;
        expectedSequence = (packet.sequence() + 1) & 0xffff;
        if (timestamp >= 0 && packet.timestamp() != timestamp && (length > 0 || broken)) {
            // No marker ended the previous access unit: with a loss, its last packet (the marker) is
            // among the lost ones; when that was the only one, this access unit is whole.
            broken |= lost > 0;
            complete();
            broken = lost > 1;
        } else {
            broken |= lost > 0;
        }
        timestamp = packet.timestamp();
    }

    /** Ends work on {@code packet}: its marker bit completes the access unit. */
    public void end(RtpPacket packet) {
        if (packet.marker()) {
            complete();
        }
    }

    /** The access unit being built cannot be decoded: it is dropped when complete. */
    public void markBroken() {
        broken = true;
    }

    public boolean isBroken() {
        return broken;
    }

    /** A whole NAL unit, header included, at {@code offset} of {@code p}. */
    public void unit(ByteBuf p, int offset, int size, boolean irap) {
        broken |= inFragment;
        inFragment = false;
        if (startUnit(size, irap)) {
            append(p, offset, size);
        }
    }

    /**
     * A fragment of a NAL unit: the first one comes with the NAL unit header, which the payload
     * format rebuilt from its fragmentation headers; {@code last} ends the NAL unit.
     */
    public void fragment(byte[] firstHeader, boolean irap, ByteBuf p, int offset, int size, boolean last) {
        if (firstHeader != null) {
            broken |= inFragment;
            if (!startUnit(firstHeader.length + size, irap)) {
                return;
            }
            System.arraycopy(firstHeader, 0, buffer, length, firstHeader.length);
            length += firstHeader.length;
            inFragment = true;
        } else if (!inFragment) {
            broken = true;
            return;
        }
        append(p, offset, size);
        if (last) {
            inFragment = false;
        }
    }

    /** Access units dropped because a packet was lost or malformed. */
    public long droppedAccessUnits() {
        return droppedAccessUnits;
    }

    private boolean startUnit(int size, boolean irap) {
        if (!ensure(START_CODE.length + size)) {
            return false;
        }
        System.arraycopy(START_CODE, 0, buffer, length, START_CODE.length);
        length += START_CODE.length;
        keyframe |= irap;
        return true;
    }

    private void append(ByteBuf p, int offset, int size) {
        if (ensure(size)) {
            p.getBytes(offset, buffer, length, size);
            length += size;
        }
    }

    private boolean ensure(int more) {
        if (length + more > maxAccessUnit) {
            broken = true;
            return false;
        }
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxAccessUnit, Math.max(buffer.length * 2, length + more)));
        }
        return true;
    }

    private void complete() {
        if (broken || inFragment) {
            droppedAccessUnits++;
        } else if (length > 0) {
            listener.accessUnit(Arrays.copyOf(buffer, length), timestamp, keyframe);
        }
        length = 0;
        broken = false;
        inFragment = false;
        keyframe = false;
    }
}
