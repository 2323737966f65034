package org.camelvideo.rtsp.rtp.h265;

import io.netty.buffer.ByteBuf;
import org.camelvideo.media.h265.H265NalType;
import org.camelvideo.rtsp.rtp.AccessUnitListener;
import org.camelvideo.rtsp.rtp.AnnexBAssembler;
import org.camelvideo.rtsp.rtp.Depacketizer;
import org.camelvideo.rtsp.rtp.RtpPacket;

/**
 * Reassembles RFC 7798 packets (single NAL unit, aggregation, fragmentation unit) into Annex-B
 * access units, with the loss handling of {@link AnnexBAssembler}. Decoding-order numbers are
 * not supported: they are only sent when the SDP gives a non-zero {@code sprop-max-don-diff},
 * which the client refuses. PACI packets are treated as malformed.
 */
public final class H265Depacketizer implements Depacketizer {

    private static final int PAYLOAD_HEADER = 2;

    private final AnnexBAssembler unit;

    /** @param maxAccessUnit the largest access unit accepted; bigger ones are dropped */
    public H265Depacketizer(int maxAccessUnit, AccessUnitListener listener) {
        this.unit = new AnnexBAssembler(maxAccessUnit, listener);
    }

    @Override
    public void packet(RtpPacket packet) {
        unit.begin(packet);
        ByteBuf p = packet.payload();
        if (p.readableBytes() <= PAYLOAD_HEADER) {
            unit.markBroken();
        } else if (!unit.isBroken()) {
            int type = H265NalType.of(p.getByte(p.readerIndex()));
            if (type < H265NalType.AP) {
                unit.unit(p, p.readerIndex(), p.readableBytes(), H265NalType.isIrap(type));
            } else if (type == H265NalType.AP) {
                readAggregation(p);
            } else if (type == H265NalType.FU) {
                readFragment(p);
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

    private void readAggregation(ByteBuf p) {
        int pos = p.readerIndex() + PAYLOAD_HEADER;
        int end = p.writerIndex();
        while (pos + 2 <= end) {
            int size = p.getUnsignedShort(pos);
            pos += 2;
            if (size < 2 || pos + size > end) {
                unit.markBroken();
                return;
            }
            unit.unit(p, pos, size, H265NalType.isIrap(H265NalType.of(p.getByte(pos))));
            pos += size;
        }
        if (pos != end) {
            unit.markBroken();
        }
    }

    private void readFragment(ByteBuf p) {
        if (p.readableBytes() < PAYLOAD_HEADER + 2) {
            unit.markBroken();
            return;
        }
        int first = p.getUnsignedByte(p.readerIndex());
        int second = p.getUnsignedByte(p.readerIndex() + 1);
        int header = p.getUnsignedByte(p.readerIndex() + PAYLOAD_HEADER);
        int type = header & 0x3f;
        int dataOffset = p.readerIndex() + PAYLOAD_HEADER + 1;
        int dataLength = p.readableBytes() - PAYLOAD_HEADER - 1;
        boolean last = (header & 0x40) != 0;
        if ((header & 0x80) != 0) {
            // The NAL unit header is the payload header with the fragment's type in it.
            byte[] nalHeader = { (byte) ((first & 0x81) | (type << 1)), (byte) second };
            unit.fragment(nalHeader, H265NalType.isIrap(type), p, dataOffset, dataLength, last);
        } else {
            unit.fragment(null, false, p, dataOffset, dataLength, last);
        }
    }
}
