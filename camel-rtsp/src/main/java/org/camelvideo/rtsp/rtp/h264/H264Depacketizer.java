package org.camelvideo.rtsp.rtp.h264;

import io.netty.buffer.ByteBuf;
import org.camelvideo.media.h264.H264NalType;
import org.camelvideo.rtsp.rtp.AccessUnitListener;
import org.camelvideo.rtsp.rtp.AnnexBAssembler;
import org.camelvideo.rtsp.rtp.Depacketizer;
import org.camelvideo.rtsp.rtp.RtpPacket;

/**
 * Reassembles RFC 6184 packets (single NAL unit, STAP-A, FU-A) into Annex-B access units. An
 * access unit ends at the marker bit, or when the timestamp changes under a lost marker. A gap
 * in the sequence numbers drops the access unit it falls into, not the stream: the next one
 * is delivered again.
 */
public final class H264Depacketizer implements Depacketizer {

    private final AnnexBAssembler unit;

    /** @param maxAccessUnit the largest access unit accepted; bigger ones are dropped */
    public H264Depacketizer(int maxAccessUnit, AccessUnitListener listener) {
        this.unit = new AnnexBAssembler(maxAccessUnit, listener);
    }

    @Override
    public void packet(RtpPacket packet) {
        unit.begin(packet);
        ByteBuf p = packet.payload();
        if (!p.isReadable()) {
            unit.markBroken();
        } else if (!unit.isBroken()) {
            int type = H264NalType.of(p.getByte(p.readerIndex()));
            if (type >= 1 && type <= 23) {
                unit.unit(p, p.readerIndex(), p.readableBytes(), type == H264NalType.IDR_SLICE);
            } else if (type == H264NalType.STAP_A) {
                readStapA(p);
            } else if (type == H264NalType.FU_A) {
                readFuA(p);
            } else {
                unit.markBroken();
            }
        }
        unit.end(packet);
    }

    /** Access units dropped because a packet was lost or malformed. */
    public long droppedAccessUnits() {
        return unit.droppedAccessUnits();
    }

    private void readStapA(ByteBuf p) {
        int pos = p.readerIndex() + 1;
        int end = p.writerIndex();
        while (pos + 2 <= end) {
            int size = p.getUnsignedShort(pos);
            pos += 2;
            if (size == 0 || pos + size > end) {
                unit.markBroken();
                return;
            }
            unit.unit(p, pos, size, H264NalType.of(p.getByte(pos)) == H264NalType.IDR_SLICE);
            pos += size;
        }
        if (pos != end) {
            unit.markBroken();
        }
    }

    private void readFuA(ByteBuf p) {
        if (p.readableBytes() < 3) {
            unit.markBroken();
            return;
        }
        int indicator = p.getUnsignedByte(p.readerIndex());
        int header = p.getUnsignedByte(p.readerIndex() + 1);
        int dataOffset = p.readerIndex() + 2;
        int dataLength = p.readableBytes() - 2;
        boolean last = (header & 0x40) != 0;
        if ((header & 0x80) != 0) {
            byte nalHeader = (byte) ((indicator & 0xe0) | (header & 0x1f));
            unit.fragment(new byte[] { nalHeader }, H264NalType.of(nalHeader) == H264NalType.IDR_SLICE, p, dataOffset, dataLength,
                          last);
        } else {
            unit.fragment(null, false, p, dataOffset, dataLength, last);
        }
    }
}
