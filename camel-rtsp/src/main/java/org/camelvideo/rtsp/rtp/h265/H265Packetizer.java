package org.camelvideo.rtsp.rtp.h265;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import org.camelvideo.media.CodecConfig;
import org.camelvideo.media.annexb.AnnexB;
import org.camelvideo.media.h265.H265NalType;
import org.camelvideo.rtsp.rtp.RtpFrameWriter;

/**
 * RFC 7798 packetization of one Annex-B access unit: each NAL unit in a packet of its own, or
 * in fragmentation units when it is too big for one; the marker bit on the last packet.
 * Access unit delimiters are left out (RTP marks the boundaries), and a keyframe that comes
 * without parameter sets gets the known ones in front, so a reader can start on any keyframe.
 */
public final class H265Packetizer {

    private static final int FU_HEADERS = 3;

    private final int maxPayload;

    /** @param maxPayload the most payload bytes one RTP packet carries */
    public H265Packetizer(int maxPayload) {
        if (maxPayload < 64) {
            throw new IllegalArgumentException("RTP payload size must be at least 64 bytes, got " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    /** @param config the parameter sets to put in front of a keyframe that lacks them, or null */
    public void packetize(byte[] accessUnit, CodecConfig config, RtpFrameWriter out) {
        List<int[]> ranges = new ArrayList<>();
        boolean[] irapWithoutSets = { false, true };
        AnnexB.forEachNalUnit(accessUnit, (buf, off, len) -> {
            if (len < 2) {
                return;
            }
            int type = H265NalType.of(buf[off]);
            irapWithoutSets[0] |= H265NalType.isIrap(type);
            irapWithoutSets[1] &= type != H265NalType.VPS;
            if (type != H265NalType.ACCESS_UNIT_DELIMITER) {
                ranges.add(new int[] { off, len });
            }
        });
        List<byte[]> sets = config != null && irapWithoutSets[0] && irapWithoutSets[1]
                ? config.parameterSetUnits() : List.<byte[]>of();
        int total = sets.size() + ranges.size();
        int n = 0;
        for (byte[] set : sets) {
            write(set, 0, set.length, ++n == total, out);
        }
        for (int[] r : ranges) {
            write(accessUnit, r[0], r[1], ++n == total, out);
        }
    }

    private void write(byte[] data, int offset, int length, boolean lastUnit, RtpFrameWriter out) {
        if (length <= maxPayload) {
            out.begin(lastUnit);
            out.payload().writeBytes(data, offset, length);
            out.end();
            return;
        }
        int type = H265NalType.of(data[offset]);
        int payloadHeader0 = (data[offset] & 0x81) | (H265NalType.FU << 1);
        int pos = offset + 2;
        int end = offset + length;
        boolean first = true;
        while (pos < end) {
            int chunk = Math.min(maxPayload - FU_HEADERS, end - pos);
            boolean last = pos + chunk == end;
            out.begin(last && lastUnit);
            ByteBuf p = out.payload();
            p.writeByte(payloadHeader0);
            p.writeByte(data[offset + 1]);
            p.writeByte((first ? 0x80 : 0) | (last ? 0x40 : 0) | type);
            p.writeBytes(data, pos, chunk);
            out.end();
            pos += chunk;
            first = false;
        }
    }
}
