package org.camelvideo.rtsp.rtp.h264;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import org.camelvideo.media.h264.H264NalType;
import org.camelvideo.rtsp.rtp.AccessUnitListener;
import org.camelvideo.rtsp.rtp.Depacketizer;
import org.camelvideo.rtsp.rtp.RtpPacket;

/**
 * Reassembles RFC 6184 packets (single NAL unit, STAP-A, FU-A) into Annex-B access units. An
 * access unit ends at the marker bit, or when the timestamp changes under a lost marker. A gap
 * in the sequence numbers drops the access unit it falls into, not the stream: the next one
 * is delivered again.
 */
public final class H264Depacketizer implements Depacketizer {

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
    public H264Depacketizer(int maxAccessUnit, AccessUnitListener listener) {
        this.maxAccessUnit = maxAccessUnit;
        this.listener = listener;
    }

    @Override
    public void packet(RtpPacket packet) {
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
        ByteBuf p = packet.payload();
        if (!p.isReadable()) {
            broken = true;
        } else if (!broken) {
            int type = H264NalType.of(p.getByte(p.readerIndex()));
            if (type >= 1 && type <= 23) {
                broken |= inFragment;
                inFragment = false;
                appendUnit(p, p.readerIndex(), p.readableBytes());
            } else if (type == H264NalType.STAP_A) {
                broken |= inFragment;
                inFragment = false;
                readStapA(p);
            } else if (type == H264NalType.FU_A) {
                readFuA(p);
            } else {
                broken = true;
            }
        }
        if (packet.marker()) {
            complete();
        }
    }

    /** Access units dropped because a packet was lost or malformed. */
    public long droppedAccessUnits() {
        return droppedAccessUnits;
    }

    private void readStapA(ByteBuf p) {
        int pos = p.readerIndex() + 1;
        int end = p.writerIndex();
        while (pos + 2 <= end) {
            int size = p.getUnsignedShort(pos);
            pos += 2;
            if (size == 0 || pos + size > end) {
                broken = true;
                return;
            }
            appendUnit(p, pos, size);
            pos += size;
        }
        if (pos != end) {
            broken = true;
        }
    }

    private void readFuA(ByteBuf p) {
        if (p.readableBytes() < 3) {
            broken = true;
            return;
        }
        int indicator = p.getUnsignedByte(p.readerIndex());
        int header = p.getUnsignedByte(p.readerIndex() + 1);
        boolean start = (header & 0x80) != 0;
        boolean end = (header & 0x40) != 0;
        int dataOffset = p.readerIndex() + 2;
        int dataLength = p.readableBytes() - 2;
        if (start) {
            if (inFragment) {
                broken = true;
            }
            int nalHeader = (indicator & 0xe0) | (header & 0x1f);
            if (!startUnit(nalHeader, dataLength)) {
                return;
            }
            inFragment = true;
        } else if (!inFragment) {
            broken = true;
            return;
        }
        append(p, dataOffset, dataLength);
        if (end) {
            inFragment = false;
        }
    }

    private void appendUnit(ByteBuf p, int offset, int size) {
        if (startUnit(p.getUnsignedByte(offset), size - 1)) {
            append(p, offset + 1, size - 1);
        }
    }

    /** Writes a start code and the NAL header, with room for {@code more} bytes after them. */
    private boolean startUnit(int nalHeader, int more) {
        if (!ensure(START_CODE.length + 1 + more)) {
            return false;
        }
        System.arraycopy(START_CODE, 0, buffer, length, START_CODE.length);
        length += START_CODE.length;
        buffer[length++] = (byte) nalHeader;
        keyframe |= H264NalType.of((byte) nalHeader) == H264NalType.IDR_SLICE;
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
